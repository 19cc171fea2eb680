import type { AgreementJudgement } from "../domain/shadow-scoring.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { ledgerTime } from "./ledger-time.ts";

interface WritableDb {
  prepare(query: string): { bind(...values: SqlValue[]): { run(): Promise<{ meta: { changes: number } }> } };
}

const INSERT_JUDGEMENT_SQL =
  "INSERT INTO agreement_judgements (platform, account, decision_event_id, reply_event_id, ticket_id, " +
  "decided_at_ms, judged_at, agrees, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, " +
  "model_cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " +
  "ON CONFLICT (platform, account, decision_event_id, reply_event_id) DO NOTHING";

/** Stores one judgement; false when the pair was judged before. */
export async function recordJudgement(db: WritableDb, j: AgreementJudgement): Promise<boolean> {
  const result = await db
    .prepare(INSERT_JUDGEMENT_SQL)
    .bind(
      j.platform,
      j.account,
      j.decisionEventId,
      j.replyEventId,
      j.ticketId,
      ledgerTime("decidedAt", j.decidedAt),
      j.judgedAt,
      j.agrees === null ? null : j.agrees ? 1 : 0,
      j.model,
      j.tokens.input,
      j.tokens.output,
      j.tokens.cacheRead,
      j.tokens.cacheWrite,
      j.modelCostUsd,
    )
    .run();
  return result.meta.changes > 0;
}
