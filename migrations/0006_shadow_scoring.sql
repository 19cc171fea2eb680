-- Shadow and draft decisions scored against what the humans did (README, "Graduated rollout").
-- What Deskmate would have done: on shadow and draft decision rows, the customer-facing text it
-- proposed (masked with the ledger's masker, links cut to host and path, at most 2,000 characters)
-- and the group it would have routed to. NULL on every other row and on rows decided before this.
ALTER TABLE decisions ADD COLUMN proposed_reply TEXT;
ALTER TABLE decisions ADD COLUMN proposed_group TEXT;

-- What the human did: a `human_public_reply` event on a ticket with a shadow or draft decision keeps
-- the reply's text, masked the same way, so the two texts can be compared. NULL on every other event.
ALTER TABLE lifecycle_events ADD COLUMN reply_text TEXT;
