-- The stage guard's actions (src/nightly/run-stage-guard.ts, POST /admin/guard/reenable): each time
-- autosend of a cohort (an intent category) fell back to draft or was re-enabled, with why, the rate and
-- samples it saw over its window, and who acted. The latest row of a cohort is its current state; the
-- rows before it are the history the console shows. Ids, codes and numbers only.

CREATE TABLE guard_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  cohort_kind TEXT NOT NULL CHECK (cohort_kind IN ('category')),
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

-- A cohort's latest action (its current state) and an account's history, newest first.
CREATE INDEX guard_events_by_cohort ON guard_events (platform, account, cohort_kind, cohort, id DESC);
CREATE INDEX guard_events_by_account ON guard_events (platform, account, id DESC);
