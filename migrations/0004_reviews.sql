-- What people said about Deskmate's decisions: agents' ratings of handoffs, reviewers' verdicts on
-- decisions, and the audit trail of settings changes. Each rating and verdict carries its decision's
-- ticket and time (copied when it is written), so the metrics count them by the decision's day and
-- retention deletes them with their decision, never leaving one that points at nothing.

CREATE TABLE handoff_ratings (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  decision_event_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  rating TEXT NOT NULL CHECK (rating = 'useful' OR rating LIKE 'missing_section:%' OR rating LIKE 'wrong_escalation:%'),
  rater TEXT NOT NULL,
  rated_at TEXT NOT NULL,
  rated_at_ms INTEGER NOT NULL,
  -- One rating per rater and decision: a new one by the same person replaces theirs.
  PRIMARY KEY (platform, account, decision_event_id, rater)
);

CREATE INDEX handoff_ratings_by_decision_time ON handoff_ratings (platform, account, decided_at_ms);

-- One verdict per decision, the latest wins (no history: the queue and the metrics read the current one).
CREATE TABLE review_verdicts (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  decision_event_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  verdict TEXT NOT NULL
    CHECK (verdict IN ('right_call', 'should_have_answered', 'should_have_asked', 'handoff_incomplete')),
  comment TEXT,                     -- masked, at most 1,000 characters
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  reviewed_at_ms INTEGER NOT NULL,
  PRIMARY KEY (platform, account, decision_event_id)
);

CREATE INDEX review_verdicts_by_decision_time ON review_verdicts (platform, account, decided_at_ms);

CREATE TABLE settings_audit (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_at_ms INTEGER NOT NULL,
  setting TEXT NOT NULL,
  old_value TEXT,                   -- JSON text, masked and truncated; NULL = not stored before
  new_value TEXT                    -- JSON text, masked and truncated; NULL = stored value removed
);

CREATE INDEX settings_audit_by_account_time ON settings_audit (platform, account, changed_at_ms DESC);
