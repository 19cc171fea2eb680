import { modelReplies, sampleModelOutput, type ModelReply } from "../../test/support/anthropic-mock.ts";
import type { RecordedModelCall } from "../../test/support/anthropic-mock.ts";
import { recordedReply } from "../../test/support/scenarios.ts";

/**
 * The customer messages of the rollout part and the model outputs recorded for them. Two come from the
 * scenario suite (its refund answer and its request for a person); the billing question is the part's
 * own: an answer grounded in the refund article's "5-7 business days", which the agents sometimes
 * contradict (that is what keeps billing from being ready).
 */
export const MESSAGES = {
  refund: "How long do I have to return an opened headset for a refund, and is there a fee?",
  person: "I want to talk to a real person, not a bot.",
  billing: "How long until the refund for my double charge is back on my card?",
} as const;

/** Agents' public replies in the shadow period: agreeing with Deskmate's proposal, or not. */
export const HUMAN_REPLIES = {
  refundAgrees: "You have 30 days from purchase to return it for a refund; opened hardware has a $25 restocking fee.",
  billingAgrees: "Your refund reaches your original payment method within 5-7 business days.",
  billingConflicts: "Your refund reaches your card within 10 business days.",
  /** A control or drafted ticket answered by an agent in the experiment. */
  handled: "Thanks for waiting: I checked your order and sorted it out.",
} as const;

const REFUND_PASSAGE = "zd-article:360001001#1";

const BILLING: ModelReply = modelReplies.output(
  sampleModelOutput({
    intent_category: "billing",
    reply: "Refunds go back to the original payment method within 5-7 business days.",
    cited_source_ids: [REFUND_PASSAGE],
  }),
);

/** The scenario suite's recordings, plus the billing answer (cited by its Intercom id in an Intercom prompt). */
export function rolloutReply(call: RecordedModelCall): ModelReply {
  const prompt = JSON.stringify(call.body);
  if (!prompt.includes(MESSAGES.billing)) return recordedReply(call);
  if (BILLING.kind !== "output" || !prompt.includes("ic-article:")) return BILLING;
  return { ...BILLING, output: { ...BILLING.output, cited_source_ids: ["ic-article:360001001#1"] } };
}
