import { modelCost } from "../config/model-cost.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { DecisionRecord, LifecycleEvent } from "../domain/ledger.ts";
import type { Logger } from "../lib/logger.ts";
import type { AgreementJudge } from "../ports/agreement-judge.ts";
import type { Ledger } from "../ports/ledger.ts";

/**
 * Asks the model judge (setting `agreement_judge`, off by default) whether the decision's proposed
 * reply and the human's reply say the same, once per pair, and records the verdict with the call's
 * tokens and cost at the `model_prices` setting. Called only for a reply stored for the first time,
 * so a redelivered webhook never pays twice. Best effort: the judge's failure is recorded as a
 * verdict-less row (its tokens still count); a ledger failure is logged with the usage, not retried
 * (a retry would call the model again).
 */
export async function judgeAnswer(
  deps: { ledger: Ledger; judge: AgreementJudge; logger: Logger; now: () => Date },
  settings: Pick<Settings, "agreementJudgeModel" | "modelPrices">,
  decision: DecisionRecord,
  reply: LifecycleEvent & { replyText: string },
): Promise<void> {
  if (decision.proposedReply === undefined) return;
  const log = deps.logger.child({ ticket_id: decision.ticketId, decision_event_id: decision.eventId });
  const result = await deps.judge.judge({
    proposed: decision.proposedReply,
    human: reply.replyText,
    model: settings.agreementJudgeModel,
  });
  const usage = result.usage ?? {
    model: settings.agreementJudgeModel,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
  const tokens = {
    input: usage.inputTokens,
    output: usage.outputTokens,
    cacheRead: usage.cacheReadTokens,
    cacheWrite: usage.cacheWriteTokens,
  };
  const cost = modelCost([{ model: usage.model, ...tokens }], settings.modelPrices);
  for (const model of cost.unpriced)
    log.warn("model has no price: its cost counts as 0", {
      model,
      setting: "model_prices",
      fix: "add the model's prices (USD per million tokens) to the model_prices setting",
    });
  try {
    await deps.ledger.recordJudgement({
      platform: decision.platform,
      account: decision.account,
      ticketId: decision.ticketId,
      decisionEventId: decision.eventId,
      replyEventId: reply.eventId,
      decidedAt: decision.decidedAt,
      judgedAt: deps.now().toISOString(),
      agrees: result.ok ? result.agrees : null,
      model: usage.model,
      tokens,
      modelCostUsd: cost.usd,
    });
  } catch (error) {
    log.warn("agreement judgement not recorded", {
      error,
      model: usage.model,
      usage_input: tokens.input,
      usage_output: tokens.output,
      cost_usd: cost.usd,
    });
  }
}
