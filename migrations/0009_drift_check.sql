-- The drift check: the golden set's cases an admin added from the review queue, and every replay of
-- the golden set against the live model (one run per account, one result per case). Cases keep the
-- decision's masked excerpt only, never the customer's full message. The bundled cases ship with the
-- worker and are not stored here.

CREATE TABLE golden_cases (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  case_id TEXT NOT NULL,            -- review:<decision event id>
  decision_event_id TEXT NOT NULL,
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  turns TEXT NOT NULL,              -- JSON [{by, text}], text masked like the decision's excerpt
  expected_outcomes TEXT NOT NULL,  -- JSON ["answer", ...]
  expected_reasons TEXT NOT NULL,   -- JSON ["legal", ...]
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  added_at_ms INTEGER NOT NULL,
  -- One case per decision: adding it again changes its expectation, never duplicates it.
  PRIMARY KEY (platform, account, case_id)
);

CREATE TABLE drift_runs (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  run_id TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
  started_at TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  finished_at TEXT NOT NULL,
  model TEXT NOT NULL,
  k INTEGER NOT NULL,
  cases INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  skipped INTEGER NOT NULL,         -- cases left out once the run's case or cost budget was spent
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,           -- priced like decisions (model_prices)
  PRIMARY KEY (platform, account, run_id)
);

CREATE INDEX drift_runs_by_time ON drift_runs (platform, account, started_at_ms DESC);

CREATE TABLE drift_results (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  run_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  case_name TEXT NOT NULL,
  k INTEGER NOT NULL,
  passes INTEGER NOT NULL,
  passed INTEGER NOT NULL,          -- 1 when all k runs passed (pass^k)
  outcomes_seen TEXT NOT NULL,      -- JSON {"escalate:legal": 3}
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  PRIMARY KEY (platform, account, run_id, case_id)
);
