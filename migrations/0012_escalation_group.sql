-- The honest wait (README, "Business hours and the wait"): each handoff's wait is estimated from past
-- handoffs in the same group. The group an escalation was handed to (after routing and the emergency
-- path), on escalation rows of draft and autosend decisions; NULL on other rows, on escalations that
-- kept the ticket's group, and on rows decided before this.
ALTER TABLE decisions ADD COLUMN escalation_group TEXT;

-- The wait estimate runs on every escalation: one account's escalations of the last weeks, newest
-- first. A partial index keeps it a short range scan whatever the number of answers.
CREATE INDEX decisions_escalations_by_time ON decisions (platform, account, decided_at_ms DESC)
  WHERE outcome = 'escalate';
