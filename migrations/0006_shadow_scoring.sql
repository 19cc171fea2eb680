-- Shadow and draft decisions scored against what the humans did (README, "Graduated rollout").
-- What Deskmate would have done: on shadow and draft decision rows, the customer-facing text it
-- proposed (masked with the ledger's masker, links cut to host and path, at most 2,000 characters)
-- and the group it would have routed to. NULL on every other row and on rows decided before this.
ALTER TABLE decisions ADD COLUMN proposed_reply TEXT;
ALTER TABLE decisions ADD COLUMN proposed_group TEXT;

-- What the human did: a `human_public_reply` event on a ticket with a shadow or draft decision keeps
-- the reply's text, masked the same way, so the two texts can be compared. NULL on every other event.
ALTER TABLE lifecycle_events ADD COLUMN reply_text TEXT;

-- The optional model judge of answer agreement (setting agreement_judge): one row per judged pair of
-- a decision's proposed reply and the human's reply, with the call's tokens and cost like every model
-- call. `agrees` NULL: the call failed (its tokens still count). Carries its decision's time, so
-- retention deletes it with the decision.
CREATE TABLE agreement_judgements (
  platform TEXT NOT NULL,
  account TEXT NOT NULL,
  decision_event_id TEXT NOT NULL,
  reply_event_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  judged_at TEXT NOT NULL,
  agrees INTEGER CHECK (agrees IS NULL OR agrees IN (0, 1)),
  model TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  model_cost_usd REAL NOT NULL,
  -- A redelivered reply is judged once: a second insert of the same pair is ignored.
  PRIMARY KEY (platform, account, decision_event_id, reply_event_id)
);

CREATE INDEX agreement_judgements_by_decision_time ON agreement_judgements (platform, account, decided_at_ms);
