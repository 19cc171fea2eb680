import type { Settings } from "../config/settings-schema.ts";
import type { TicketContext } from "../domain/ticket.ts";
import { classifyIntent } from "./classify-intent.ts";
import { countRecentContacts } from "./count-recent-contacts.ts";
import { countRestatements } from "./count-restatements.ts";
import { detectTriggers } from "./detect-triggers.ts";
import { findDisputedAmount } from "./find-disputed-amount.ts";
import { isVip } from "./is-vip.ts";
import { isStaleTicket } from "./is-stale-ticket.ts";
import { foldForMatching, normalizeText } from "../lib/normalize-text.ts";
import { readSentiment } from "./read-sentiment.ts";
import { summarizeSentiment } from "./summarize-sentiment.ts";
import type { SoftReason, TriageResult } from "../domain/triage.ts";
import { hardReasons } from "./hard-reasons.ts";

export interface TriageInput {
  /** The customer message being handled. */
  message: string;
  /** Public customer comments, oldest first, the current one last. */
  customerMessages: string[];
  /** Public replies the assistant has sent on this ticket (`state.aiTurns`). */
  assistantReplies: number;
  context: TicketContext;
  settings: Settings;
  now: Date;
  /** When the assistant started handling the ticket (TicketState); absent: not yet (never stale). */
  handlingSince?: string;
}

/**
 * Deterministic signals for one customer message, before any model call. Pure: no I/O, no clock
 * (`now` is passed in). Hard reasons escalate without asking the model; soft ones escalate too but
 * come from history, limits and customer attributes (DESIGN.md "Deterministic triage").
 */
export function runTriage(input: TriageInput): TriageResult {
  const { settings } = input;
  // Every detector reads the normalized text: one zero-width space must not hide "lawyer" or "$500".
  const message = normalizeText(input.message);
  const history = input.customerMessages.map(normalizeText);
  // The contract says the current message is last; if a caller left it out, it still counts.
  const messages = history.at(-1) === message ? history : [...history, message];
  const triggers = detectTriggers(message);

  const hard = hardReasons(triggers, settings);

  const readings = messages.map((text) => readSentiment(foldForMatching(text)));
  let negativeRun = 0;
  for (let i = readings.length - 1; i >= 0 && readings[i]?.negative; i--) negativeRun++;

  const recentContacts = countRecentContacts(input.context, settings.repeatContactDays, input.now);
  const amounts = messages.map(findDisputedAmount).filter((amount): amount is number => amount !== null);
  const disputedAmount = amounts.length > 0 ? Math.max(...amounts) : undefined;

  const soft: SoftReason[] = [];
  if (negativeRun >= settings.negativeStreak) soft.push("negative_streak");
  if (countRestatements(messages) >= settings.loopRepeats) soft.push("loop");
  if (input.assistantReplies >= settings.turnCap) soft.push("turn_cap");
  if (recentContacts !== null && recentContacts >= settings.repeatContactCount) soft.push("repeat_contact");
  if (isVip(input.context, settings)) soft.push("vip");
  const disputeOver = disputedAmount !== undefined && disputedAmount > settings.billingDisputeThreshold;
  if (disputeOver) soft.push("billing_dispute_over");
  if (isStaleTicket(input.handlingSince ?? null, input.now, settings.maxOpenHours)) soft.push("stale_ticket");

  return {
    reasons: [...hard, ...soft],
    hard: hard.length > 0,
    triggers,
    intentCategory: classifyIntent(message),
    sentimentTrend: readings.map((reading) => reading.score),
    sentimentSummary: summarizeSentiment(readings),
    ...(disputeOver ? { disputedAmount } : {}),
  };
}
