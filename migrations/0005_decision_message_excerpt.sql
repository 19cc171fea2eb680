-- The customer's message as a short masked excerpt on its decision row, so a reviewer reads what was
-- decided on and the Knowledge page shows example questions of a gap. Written with the row (no extra
-- statement): at most 280 characters, whitespace collapsed, contacts, cards, ids, long numbers and
-- links masked (src/ledger/message-excerpt.ts). NULL when no message was read (most skips) and on rows
-- decided before this column existed. Retention deletes it with its row.

ALTER TABLE decisions ADD COLUMN message_excerpt TEXT;
