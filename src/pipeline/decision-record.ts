import { modelCost } from "../config/model-cost.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { DecisionDraft } from "../domain/decision-draft.ts";
import type { Handoff } from "../domain/handoff.ts";
import type { DecisionRecord } from "../domain/ledger.ts";
import type { Outcome, Plan } from "../domain/plan.ts";
import type { Arm } from "../domain/ticket-state.ts";
import type { Variant } from "../domain/canary.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { Logger } from "../lib/logger.ts";
import { messageExcerpt } from "../ledger/message-excerpt.ts";
import { proposedReplyText } from "../ledger/proposed-reply-text.ts";
import { ledgerHandoff } from "./ledger-handoff.ts";

/** Reason code of a decision whose retrieval found nothing (computeMetrics lists these as knowledge gaps). */
export const KNOWLEDGE_GAP_REASON = "knowledge_gap";

/**
 * The decision row of one customer-message event, before its writes: outcome and reasons, the plan's
 * category, confidence, sources and action, the tokens of every model call and their cost at the
 * `model_prices` setting (a model without a price counts 0 and is logged, naming the setting), and the
 * masked excerpt of the customer's message when one was read.
 */
export function decisionDraft(args: {
  event: SupportEvent;
  /** The ledger's account name (Zendesk subdomain, Intercom workspace id). */
  account: string;
  settings: Settings;
  fingerprint: string;
  decidedAt: string;
  commentId: string | null;
  requesterId: string | null;
  outcome: Outcome | "skip";
  reasons: readonly string[];
  helpdeskReads: number;
  /** The customer's message as read from the helpdesk; absent when none was read (the row keeps null). */
  message?: string;
  /**
   * The ticket's experiment arm (control / assistant); null or absent before the ticket's first
   * decision fixed one. Whether a reply went out is `publicReply`, not the arm.
   */
  arm?: Arm | null;
  /** Which configuration decided (canary or current); absent on skips. */
  variant?: Variant;
  plan?: Plan;
  logger: Logger;
}): DecisionDraft {
  const { event, settings, plan } = args;
  const facts = plan?.facts;
  const usage = facts?.usage ?? [];
  const cost = modelCost(usage, settings.modelPrices);
  for (const model of cost.unpriced)
    args.logger.warn("model has no price: its cost counts as 0", {
      model,
      setting: "model_prices",
      fix: "add the model's prices (USD per million tokens) to the model_prices setting",
    });
  const sum = (pick: (u: (typeof usage)[number]) => number) => usage.reduce((total, u) => total + pick(u), 0);
  return {
    platform: event.platform,
    account: args.account,
    ticketId: event.ticketId,
    commentId: args.commentId,
    eventId: event.eventId,
    requesterId: args.requesterId,
    decidedAt: args.decidedAt,
    mode: settings.mode,
    outcome: args.outcome,
    reasons: [...args.reasons, ...(facts?.knowledgeGap ? [KNOWLEDGE_GAP_REASON] : [])],
    category: facts?.category ?? null,
    confidence: facts?.confidence ?? null,
    arm: args.arm ?? null,
    models: usage.map((u) => u.model),
    tokens: {
      input: sum((u) => u.input),
      output: sum((u) => u.output),
      cacheRead: sum((u) => u.cacheRead),
      cacheWrite: sum((u) => u.cacheWrite),
    },
    modelCostUsd: cost.usd,
    helpdeskReads: args.helpdeskReads,
    sources: facts?.sources ?? [],
    action: plan?.action ?? null,
    fingerprint: args.fingerprint,
    ...(args.variant ? { variant: args.variant } : {}),
    // Masked and cut here, so the unmasked text never reaches the job kept in the ticket state.
    messageExcerpt: args.message === undefined ? null : messageExcerpt(args.message),
    ...proposal(settings.mode, args.outcome, plan),
    ...(args.outcome === "escalate" && (settings.mode === "draft" || settings.mode === "autosend") && plan?.groupId
      ? { escalationGroup: plan.groupId }
      : {}),
  };
}

/**
 * What a shadow or draft decision would have done, kept so it can be scored against what the human
 * then did (src/rollout/): the customer-facing text of an answer, question or action (an escalation's
 * warm message says nothing to compare with a human's reply) and the group it routes to.
 */
function proposal(
  mode: Settings["mode"],
  outcome: Outcome | "skip",
  plan: Plan | undefined,
): Pick<DecisionDraft, "proposedReply" | "proposedGroup"> {
  if ((mode !== "shadow" && mode !== "draft") || outcome === "skip" || !plan) return {};
  const text = outcome === "escalate" ? "" : proposedReplyText(plan.customerMessage ?? "");
  return {
    ...(text ? { proposedReply: text } : {}),
    ...(plan.groupId ? { proposedGroup: plan.groupId } : {}),
  };
}

/**
 * The full row once the writes are done: their count, whether a public reply went out, the latency,
 * and the handoff without names or unmasked text (ledgerHandoff).
 */
export function decisionRecord(
  draft: DecisionDraft,
  done: { helpdeskWrites: number; firstWriteAt: string | null; publicReply: boolean; handoff: Handoff | null },
  receivedAt: string | undefined,
): DecisionRecord {
  return {
    ...draft,
    publicReply: done.publicReply,
    helpdeskWrites: done.helpdeskWrites,
    latencyMs: latencyMs(receivedAt, done.firstWriteAt),
    handoff: done.handoff ? ledgerHandoff(done.handoff) : null,
  };
}

/** From the webhook's acknowledgement to the first helpdesk write; null when either is unknown. */
function latencyMs(receivedAt: string | undefined, firstWriteAt: string | null): number | null {
  if (!receivedAt || !firstWriteAt) return null;
  const ms = Date.parse(firstWriteAt) - Date.parse(receivedAt);
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}
