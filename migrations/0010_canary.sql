-- The canary (README, "Canary for changes"): which configuration decided each row. `canary` when the
-- ticket decided with the canary block merged into the settings, `current` otherwise; NULL on rows
-- decided before this (they are current). The row's fingerprint says which canary block it was.
ALTER TABLE decisions ADD COLUMN variant TEXT;

-- The stage guard now also judges the canary: a cohort of kind `canary` is a canary fingerprint, and
-- its trip rolls the canary back. SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt with the same columns and rows.
CREATE TABLE guard_events_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  cohort_kind TEXT NOT NULL CHECK (cohort_kind IN ('category', 'canary')),
  cohort TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('tripped', 're_enabled')),
  -- tripped: false_resolution_rate or bad_csat_rate; re_enabled: admin or recovered
  reason TEXT NOT NULL,
  rate REAL,
  samples INTEGER,
  threshold REAL,
  window_days INTEGER NOT NULL,
  at TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  -- guard (the Cron Trigger), admin (the admin token) or the console session's agent
  actor TEXT NOT NULL
);
INSERT INTO guard_events_new SELECT id, platform, account, cohort_kind, cohort, action, reason, rate, samples,
  threshold, window_days, at, at_ms, actor FROM guard_events;
DROP TABLE guard_events;
ALTER TABLE guard_events_new RENAME TO guard_events;
CREATE INDEX guard_events_by_cohort ON guard_events (platform, account, cohort_kind, cohort, id DESC);
CREATE INDEX guard_events_by_account ON guard_events (platform, account, id DESC);
