import type { DecisionRecord } from "./ledger.ts";

/**
 * A decision row as far as it is known before the helpdesk writes: kept in the ticket state's
 * in-flight job, so a job that stops and is retried records exactly this row (the ledger ignores a
 * second insert of the same event id). The writes, their latency and the handoff are added after.
 */
export type DecisionDraft = Omit<DecisionRecord, "helpdeskWrites" | "latencyMs" | "publicReply" | "handoff">;
