import { assistantReplyCount, customerMessages } from "../agent/public-conversation.ts";
import type { TriageResult } from "../domain/triage.ts";
import { runTriage } from "../triage/run-triage.ts";
import type { DecisionInput } from "./decider.ts";
import { handlingSince } from "./handling-since.ts";

/**
 * Deterministic triage of the customer message on its ticket, as every path that decides one runs it:
 * the customer's messages so far, the assistant's replies (the stored count or the conversation's,
 * whichever is larger) and, for `max_open_hours`, when the assistant started handling the ticket.
 * The decision engine and the scheduled stale-ticket handover both triage through here.
 */
export function triageMessage(
  input: Pick<DecisionInput, "context" | "customerComment" | "state" | "settings" | "assistant">,
  now: Date,
): TriageResult {
  const { context, state, assistant } = input;
  const since = handlingSince(state);
  return runTriage({
    message: input.customerComment.body,
    customerMessages: customerMessages(context, assistant.id),
    assistantReplies: Math.max(state.aiTurns, assistantReplyCount(context, assistant.id)),
    context,
    settings: input.settings,
    now,
    ...(since === null ? {} : { handlingSince: since }),
  });
}
