-- The outcome ledger (src/domain/ledger.ts): one row per decision and the lifecycle events that show
-- what happened next. Ids, codes, numbers and masked excerpts only; never message bodies or contacts.
-- Times are kept twice: the ISO-8601 text as received (returned unchanged) and epoch milliseconds,
-- which every range, order and retention query uses (ISO text with offsets does not sort by instant).

CREATE TABLE decisions (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  event_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  comment_id TEXT,
  requester_id TEXT,
  decided_at TEXT NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  mode TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reasons TEXT NOT NULL,            -- JSON array of reason codes
  category TEXT,
  confidence REAL,
  arm TEXT,
  public_reply INTEGER NOT NULL CHECK (public_reply IN (0, 1)),
  models TEXT NOT NULL,             -- JSON array of model ids
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  model_cost_usd REAL NOT NULL,
  helpdesk_reads INTEGER NOT NULL,
  helpdesk_writes INTEGER NOT NULL,
  latency_ms INTEGER,
  sources TEXT NOT NULL,            -- JSON array of {id, ageDays}
  action TEXT,                      -- JSON {name, result} or NULL
  handoff TEXT,                     -- JSON Handoff or NULL
  fingerprint TEXT NOT NULL,
  -- A retried job writes the same decision again: the second insert is ignored, never counted twice.
  UNIQUE (platform, account, event_id)
);

-- Metrics and the paged list: one account's decisions in a time range, newest first.
CREATE INDEX decisions_by_account_time ON decisions (platform, account, decided_at_ms DESC, event_id DESC);
-- Joining decisions to a ticket's lifecycle, and finding a requester's other tickets.
CREATE INDEX decisions_by_ticket ON decisions (platform, account, ticket_id, decided_at_ms);
CREATE INDEX decisions_by_requester ON decisions (platform, account, requester_id, decided_at_ms);
-- Retention deletes across all accounts by age.
CREATE INDEX decisions_by_time ON decisions (decided_at_ms);

CREATE TABLE lifecycle_events (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  event_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  requester_id TEXT,
  rating TEXT CHECK (rating IS NULL OR rating IN ('good', 'bad')),
  detail TEXT,
  -- A redelivered webhook or a reconciliation that finds an event already received stores it once.
  UNIQUE (platform, account, event_id)
);

CREATE INDEX lifecycle_by_account_time ON lifecycle_events (platform, account, at_ms DESC, event_id DESC);
CREATE INDEX lifecycle_by_ticket ON lifecycle_events (platform, account, ticket_id, at_ms);
CREATE INDEX lifecycle_by_requester ON lifecycle_events (platform, account, requester_id, at_ms);
CREATE INDEX lifecycle_by_time ON lifecycle_events (at_ms);
