-- A metrics report reads every decision and lifecycle event of the tickets it covers (about 100,000
-- decisions for a busy account's quarter; src/ledger/read-report-rows.ts). It reads them through the
-- by-ticket indexes, so those indexes now carry the few columns the report reads: the read is then
-- answered from the index alone, without fetching each table row (whose handoff and sources it does
-- not need). Same leading columns as before, so every query that used the old index uses the new one.

DROP INDEX decisions_by_ticket;
CREATE INDEX decisions_by_ticket ON decisions (
  platform, account, ticket_id, decided_at_ms,
  event_id, decided_at, outcome, reasons, category, public_reply,
  model_cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens
);

DROP INDEX lifecycle_by_ticket;
CREATE INDEX lifecycle_by_ticket ON lifecycle_events (platform, account, ticket_id, at_ms, event_id, kind, at, rating);
