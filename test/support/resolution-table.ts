import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { TicketClassification } from "../../src/metrics/classify-tickets.ts";
import { at, DAY, decision, event, HOUR } from "./ledger-rows.ts";

const answer = decision();
const ask = decision({ outcome: "ask" });
const escalate = decision({ outcome: "escalate", reasons: ["human_requested"], publicReply: true });
const skip = decision({ outcome: "skip", reasons: ["human_owned"], publicReply: false, modelCostUsd: 0 });

/** One row per definition edge (README, "How Deskmate counts"). `now` is T0 + nowMs. */
export const resolutionTable: Array<{
  rule: string;
  decisions: DecisionRecord[];
  events: LifecycleEvent[];
  nowMs: number;
  expected: Partial<TicketClassification>;
}> = [
  {
    rule: "customer writes again at 71h: not AI-resolved, unresolved once the wait is over",
    decisions: [answer],
    events: [event("customer_message", 71 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "unresolved", resolvedAt: null, resolution: null },
  },
  {
    rule: "customer writes again at exactly 72h: still within the wait, unresolved",
    decisions: [answer],
    events: [event("customer_message", 72 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "unresolved" },
  },
  {
    rule: "customer writes again at 73h: AI-resolved (assumed) when the 72h wait ended",
    decisions: [answer],
    events: [event("customer_message", 73 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "ai_resolved", resolvedBy: "customer_silent", resolvedAt: at(72 * HOUR), confirmed: false },
  },
  {
    rule: "answered less than 72h ago with no other signal: waiting",
    decisions: [answer],
    events: [],
    nowMs: 10 * HOUR,
    expected: { status: "waiting", resolvedAt: null },
  },
  {
    rule: "solved without a human public reply: AI-resolved at the solve, even if the customer wrote",
    decisions: [answer],
    events: [event("customer_message", 20 * HOUR), event("solved", 30 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "ai_resolved", resolvedBy: "solved_without_human_reply", resolvedAt: at(30 * HOUR) },
  },
  {
    rule: "solved after a human public reply (customer wrote within the wait): unresolved",
    decisions: [answer],
    events: [event("customer_message", 20 * HOUR), event("human_public_reply", 22 * HOUR), event("solved", 30 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "unresolved", resolvedAt: null },
  },
  {
    rule: "an answer that never reached the customer (draft) is not AI-resolved",
    decisions: [decision({ mode: "draft", publicReply: false })],
    events: [event("solved", 5 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "unresolved" },
  },
  {
    rule: "an act with a public reply resolves like an answer",
    decisions: [decision({ outcome: "act", action: { name: "resend_invoice", result: "ok" } })],
    events: [],
    nowMs: 10 * DAY,
    expected: { status: "ai_resolved", resolution: "stayed" },
  },
  {
    rule: "ask, then the customer goes silent: unresolved after the wait",
    decisions: [ask],
    events: [],
    nowMs: 4 * DAY,
    expected: { status: "unresolved", resolvedAt: null },
  },
  {
    rule: "ask, wait not over: waiting",
    decisions: [ask],
    events: [],
    nowMs: 71 * HOUR,
    expected: { status: "waiting" },
  },
  {
    rule: "solved, reopened on day 6 after the solve: false resolution",
    decisions: [answer],
    events: [event("solved", 1 * HOUR), event("reopened", 1 * HOUR + 6 * DAY)],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", resolution: "false", reopened: true, recontacted: false },
  },
  {
    rule: "solved, reopened on day 8 after the solve: stayed resolved",
    decisions: [answer],
    events: [event("solved", 1 * HOUR), event("reopened", 1 * HOUR + 8 * DAY)],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", resolution: "stayed", reopened: false },
  },
  {
    rule: "a new ticket from the same requester within 7 days: false resolution (re-contact)",
    decisions: [answer],
    events: [event("solved", 1 * HOUR), event("new_ticket_same_requester", 3 * DAY, { detail: "202" })],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", resolution: "false", recontacted: true, reopened: false },
  },
  {
    rule: "AI-resolved, 7-day window still open: resolution pending",
    decisions: [answer],
    events: [event("solved", 1 * HOUR)],
    nowMs: 5 * DAY,
    expected: { status: "ai_resolved", resolution: "pending" },
  },
  {
    rule: "AI-resolved and rated good after the reply: confirmed",
    decisions: [answer],
    events: [event("solved", 1 * HOUR), event("csat", 2 * DAY, { rating: "good" })],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", confirmed: true, csat: "good", resolution: "stayed" },
  },
  {
    rule: "AI-resolved and rated bad: not confirmed",
    decisions: [answer],
    events: [event("solved", 1 * HOUR), event("csat", 2 * DAY, { rating: "bad" })],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", confirmed: false, csat: "bad" },
  },
  {
    rule: "the customer confirms at 2h and says nothing else: AI-resolved after the wait, and confirmed",
    decisions: [answer],
    events: [event("customer_confirmed", 2 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "ai_resolved", resolvedBy: "customer_silent", resolvedAt: at(72 * HOUR), confirmed: true },
  },
  {
    rule: "confirmed by the customer, then solved: confirmed without a rating",
    decisions: [answer],
    events: [event("customer_confirmed", 1 * HOUR), event("solved", 2 * HOUR)],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", resolvedBy: "solved_without_human_reply", confirmed: true, csat: null },
  },
  {
    rule: "a confirmation of an earlier answer does not confirm the assistant's last reply",
    decisions: [answer, decision({ decidedAt: at(5 * HOUR) })],
    events: [event("customer_confirmed", 2 * HOUR), event("solved", 6 * HOUR)],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", confirmed: false },
  },
  {
    rule: "a confirmation after an ask is not an AI resolution",
    decisions: [ask],
    events: [event("customer_confirmed", 2 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "unresolved", confirmed: false },
  },
  {
    rule: "escalated: time from handoff to the first human public reply",
    decisions: [escalate],
    events: [event("human_public_reply", 90 * 60_000)],
    nowMs: 10 * DAY,
    expected: { status: "escalated", handoffToFirstHumanReplyMs: 90 * 60_000, resolvedAt: null },
  },
  {
    rule: "escalated twice before a human replied: timed from the first handoff",
    decisions: [escalate, { ...escalate, eventId: "d-again", decidedAt: at(1 * HOUR) }],
    events: [event("human_public_reply", 2 * HOUR)],
    nowMs: 10 * DAY,
    expected: { status: "escalated", handoffToFirstHumanReplyMs: 2 * HOUR },
  },
  {
    rule: "escalated, no human reply yet: no time",
    decisions: [escalate],
    events: [],
    nowMs: 10 * DAY,
    expected: { status: "escalated", handoffToFirstHumanReplyMs: null },
  },
  {
    rule: "an answer after an earlier escalation: the last decision counts",
    decisions: [escalate, { ...answer, eventId: "d-later", decidedAt: at(1 * DAY) }],
    events: [],
    nowMs: 30 * DAY,
    expected: { status: "ai_resolved", resolvedAt: at(1 * DAY + 72 * HOUR) },
  },
  {
    rule: "an answer followed by an escalation: escalated, not AI-resolved",
    decisions: [answer, { ...escalate, eventId: "d-esc", decidedAt: at(5 * HOUR) }],
    events: [event("solved", 3 * DAY)],
    nowMs: 30 * DAY,
    expected: { status: "escalated", resolvedAt: null },
  },
  {
    rule: "skip-only ticket: not handled (human-only)",
    decisions: [skip],
    events: [event("csat", 2 * DAY, { rating: "good" })],
    nowMs: 10 * DAY,
    expected: { status: "human_only", csat: "good", firstSeenAt: at(0) },
  },
  {
    rule: "never touched by Deskmate but rated: human-only with its rating",
    decisions: [],
    events: [event("solved", 5 * HOUR), event("csat", 1 * DAY, { rating: "bad" })],
    nowMs: 10 * DAY,
    expected: { status: "human_only", csat: "bad", firstSeenAt: at(5 * HOUR) },
  },
  {
    rule: "a rating changed later: the latest one counts",
    decisions: [],
    events: [event("csat", 1 * DAY, { rating: "bad" }), event("csat", 2 * DAY, { rating: "good" })],
    nowMs: 10 * DAY,
    expected: { status: "human_only", csat: "good" },
  },
];
