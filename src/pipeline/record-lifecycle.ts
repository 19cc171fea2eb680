import type { EventResult } from "../domain/event-result.ts";
import type { LifecycleEvent, LifecycleKind } from "../domain/ledger.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import { DeskmateError } from "../lib/errors.ts";
import type { Ledger } from "../ports/ledger.ts";
import { classifyEvent } from "./classify-event.ts";
import { humanReplyText } from "./human-reply-text.ts";
import { judgeAnswer } from "./judge-answer.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

/** A new ticket within this many days of a decision on another ticket of the same requester is a re-contact. */
export const RECONTACT_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;
const PAGE = 1000;

/**
 * Stores what an event tells about a ticket's life (solved, reopened, who wrote publicly, group and
 * assignee changes, CSAT, a new ticket from the same requester) in the ledger, under natural ids so the
 * webhook path and the nightly reconciliation store a fact once, and a redelivery is ignored.
 * Runs after the event was handled: a customer message the handler recorded as `customer_confirmed`
 * is not stored again as `customer_message` (same comment, same id). A failed write throws a
 * retryable error, so the queue retries the event; the handler's own writes are idempotent.
 */
export async function recordLifecycle(
  event: SupportEvent,
  assistantId: string,
  result: EventResult,
  deps: Pick<PipelineDeps, "ledger" | "helpdesk" | "logger" | "now" | "settings" | "judge">,
): Promise<number> {
  const { ledger } = deps;
  if (!ledger) return 0;
  const facts = lifecycleFacts(event, assistantId, result, (await deps.settings()).tagPrefix);
  // A human's reply on a ticket with a shadow or draft decision keeps its text, to score the decision.
  const reply = facts.find((f) => f.kind === "human_public_reply");
  const scored = reply ? await humanReplyText(event, deps) : undefined;
  const judged = reply && scored ? { ...reply, replyText: scored.text } : null;
  if (reply && judged) facts.splice(facts.indexOf(reply), 1, judged);
  let stored = 0;
  let replyStored = false;
  try {
    if (event.kind === "ticket_created" && event.requesterId !== undefined) {
      facts.push(...(await recontacts(ledger, event, event.requesterId)));
    }
    for (const fact of facts) {
      if (!(await ledger.recordLifecycle(fact))) continue;
      stored += 1;
      if (fact === judged) replyStored = true;
    }
  } catch (cause) {
    throw new DeskmateError("ledger_unavailable", "the ledger refused a lifecycle event; the event is retried", {
      retryable: true,
      cause,
    });
  }
  // The optional model judge, once per newly stored reply (a redelivery finds the reply stored).
  if (replyStored && judged && scored && deps.judge && (await deps.settings()).agreementJudge) {
    const now = () => deps.now?.() ?? new Date();
    await judgeAnswer(
      { ledger, judge: deps.judge, logger: deps.logger, now },
      await deps.settings(),
      scored.decision,
      judged,
    );
  }
  return stored;
}

/**
 * The facts an event carries by itself, with their natural ids (README, "Webhook subscriptions").
 * `ownTagPrefix`: the assistant's tag prefix; tags carrying it are the assistant's, never a human's.
 */
export function lifecycleFacts(
  event: SupportEvent,
  assistantId: string,
  result: EventResult,
  ownTagPrefix = "",
): LifecycleEvent[] {
  const ms = Date.parse(event.occurredAt);
  const fact = (kind: LifecycleKind, eventId: string, extra: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
    platform: event.platform,
    account: event.accountId,
    ticketId: event.ticketId,
    kind,
    at: event.occurredAt,
    eventId,
    requesterId: event.requesterId ?? null,
    rating: null,
    detail: null,
    ...extra,
  });
  const kind = classifyEvent(event, assistantId);
  const comment = event.comment;
  switch (kind.kind) {
    case "customer_message":
      if (!comment?.isPublic || result.reasons.includes("customer_confirmed")) return [];
      return [fact("customer_message", `comment:${comment.id}`)];
    case "agent_public_comment":
      return comment ? [fact("human_public_reply", `comment:${comment.id}`)] : [];
    case "status_change": {
      const previous = event.statusChange?.previous;
      const wasDone = previous === "solved" || previous === "closed";
      // Solved -> closed is the same resolution, not a second one.
      const status = kind.reopened ? "reopened" : kind.solved && !wasDone ? "solved" : null;
      return status ? [fact(status, `status:${event.ticketId}:${status}:${ms}`)] : [];
    }
    case "assigned_to_human":
    case "record":
      return [
        ...ratingFact(event, fact),
        ...assignmentFacts(event, ms, fact),
        ...humanTagsFact(event, assistantId, ownTagPrefix, fact),
      ];
    case "skip":
      return [];
  }
}

type Fact = (kind: LifecycleKind, eventId: string, extra?: Partial<LifecycleEvent>) => LifecycleEvent;

/** A rating without a verdict (Intercom 3 of 5) is not a CSAT fact. */
function ratingFact(event: SupportEvent, fact: Fact): LifecycleEvent[] {
  if (event.kind !== "rating_added" || event.rating === undefined) return [];
  return [fact("csat", `csat:${event.ticketId}:${event.rating}`, { rating: event.rating })];
}

/**
 * Tags a human added or removed. The assistant's own tag writes fire the same webhook, so a change by
 * the assistant's user, and every tag with the assistant's prefix, is left out; nothing left, no fact.
 */
function humanTagsFact(event: SupportEvent, assistantId: string, ownTagPrefix: string, fact: Fact): LifecycleEvent[] {
  const change = event.tagsChange;
  if (event.kind !== "tags_changed" || change === undefined || change.actorId === assistantId) return [];
  const human = (tags: readonly string[]) =>
    tags.filter((tag) => ownTagPrefix === "" || !tag.toLowerCase().startsWith(ownTagPrefix.toLowerCase()));
  const added = human(change.added);
  const removed = human(change.removed);
  if (added.length === 0 && removed.length === 0) return [];
  return [fact("tags_changed", `tags:${event.eventId}`, { detail: JSON.stringify({ added, removed }) })];
}

/** A team assignment (Intercom) is a group change; a person or nobody is an assignee change ("none"). */
function assignmentFacts(event: SupportEvent, ms: number, fact: Fact): LifecycleEvent[] {
  if (event.kind !== "assignment_changed") return [];
  const changes: LifecycleEvent[] = [];
  const change = (kind: "group_changed" | "assignee_changed", value: string) =>
    changes.push(fact(kind, `${kind}:${event.ticketId}:${ms}:${value}`, { detail: value }));
  const { assignee, groupId } = event;
  if (groupId !== undefined) change("group_changed", groupId === "" ? "none" : groupId);
  if (assignee?.type === "team") change("group_changed", assignee.id ?? "none");
  else if (assignee !== undefined) change("assignee_changed", assignee.id ?? "none");
  return changes;
}

/**
 * The requester's other tickets with a decision in the last 7 days: each gets a
 * `new_ticket_same_requester` event pointing at the new ticket (stored on the earlier ticket).
 */
async function recontacts(ledger: Ledger, event: SupportEvent, requesterId: string): Promise<LifecycleEvent[]> {
  const ms = Date.parse(event.occurredAt);
  const earlier = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await ledger.decisions({
      platform: event.platform,
      account: event.accountId,
      from: new Date(ms - RECONTACT_WINDOW_DAYS * DAY_MS).toISOString(),
      // Inclusive of the new ticket's own instant: `to` is exclusive.
      to: new Date(ms + 1).toISOString(),
      requesterIds: [requesterId],
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const row of page.rows) if (row.ticketId !== event.ticketId) earlier.add(row.ticketId);
    cursor = page.nextCursor;
  } while (cursor);
  return [...earlier].map((ticketId) => ({
    platform: event.platform,
    account: event.accountId,
    ticketId,
    kind: "new_ticket_same_requester",
    at: event.occurredAt,
    eventId: `recontact:${ticketId}:${event.ticketId}`,
    requesterId,
    rating: null,
    detail: event.ticketId,
  }));
}
