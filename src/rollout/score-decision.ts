import type { ShadowDecision, ShadowEvent } from "../domain/shadow-scoring.ts";
import { type FactKind, type ReplyFact, replyFacts } from "./reply-facts.ts";
import { editDistance, textSimilarity } from "./reply-words.ts";

/** A human's action answers a decision when it comes within this many days and before the next decision. */
export const SCORE_WINDOW_DAYS = 7;
/**
 * Without a shared fact, two replies count as saying the same thing when their word sets are at least
 * this alike (Dice). Deliberately low: two people answering one question word it differently, while
 * replies about different things share little beyond the common small words.
 */
export const SIMILARITY_AGREES = 0.25;
/** A suggested reply sent with at most this share of its words changed counts as edited, beyond it as discarded. */
export const EDITED_MAX_DISTANCE = 0.6;

const DAY_MS = 86_400_000;

/** What the human did in the decision's window; `none` when nothing yet (the decision is not scored). */
export type HumanAction = "escalated" | "replied" | "solved" | "none";

export interface FactComparison {
  /** Facts both replies state. */
  shared: number;
  /**
   * Disagreements: for each kind of fact both replies state (both give a price, both a date), the
   * values one has and the other lacks, counted once per differing pair, so €29.90 against €24.90 is
   * one conflict: max(only in the proposal, only in the human's reply) per kind.
   */
  conflicts: number;
  /** Facts of a kind only one reply mentions at all: one said more, neither contradicts the other. */
  unmatched: number;
}

export interface DecisionScore {
  eventId: string;
  category: string;
  mode: ShadowDecision["mode"];
  human: HumanAction;
  /** The group the human moved the ticket to (the last move in the window), or null. */
  humanGroup: string | null;
  /**
   * The tags humans added in the window (the assistant's own are never recorded), first seen first.
   * Not an action that scores the decision: people tag alongside replying or routing.
   */
  humanTags: string[];
  /** Null when the human has not acted yet. */
  decisionAgrees: boolean | null;
  /**
   * When the assistant proposed a reply and the human replied with a text the ledger kept. `judged`:
   * the model judge's verdict when it was asked (setting `agreement_judge`), else null.
   */
  answer: { facts: FactComparison; similarity: number; judged: boolean | null; agrees: boolean } | null;
  /** Draft mode with a suggested reply, once the human acted: what became of the suggestion. */
  draft: { result: "unchanged" | "edited" | "discarded"; editDistance: number | null } | null;
}

/**
 * Scores one shadow or draft decision against what the human did next, deterministically:
 * - the human's action in the window (after the decision, before the ticket's next decision and at
 *   most `SCORE_WINDOW_DAYS` later): moved to a group = escalated (Zendesk group assignment, Intercom
 *   team assignment: what both helpdesks send when a person routes a ticket), else a public reply =
 *   replied, else solved;
 * - decision agreement: an escalation agrees with a human escalation to the same group (any group when
 *   the assistant named none); an answer, question or action agrees with a human reply;
 * - answer agreement: no conflicting fact, and at least one shared fact or `SIMILARITY_AGREES` (when
 *   the model judge gave a verdict, that verdict instead: facts still come first);
 * - draft mode: the first human reply against the suggestion: unchanged (no word changed), edited
 *   (at most `EDITED_MAX_DISTANCE`), discarded (more, or the ticket was escalated or solved without it).
 */
export function scoreDecision(
  decision: ShadowDecision,
  events: readonly ShadowEvent[],
  windowEndMs: number,
  /** The model judge's verdicts by `<decision event id>|<reply event id>` (setting `agreement_judge`). */
  verdicts: ReadonlyMap<string, boolean> = new Map(),
): DecisionScore {
  const start = Date.parse(decision.decidedAt);
  const end = Math.min(windowEndMs, start + SCORE_WINDOW_DAYS * DAY_MS);
  const inWindow = events
    .filter((e) => e.ticketId === decision.ticketId)
    .filter((e) => {
      const ms = Date.parse(e.at);
      return ms >= start && ms < end;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.eventId.localeCompare(b.eventId));
  const moves = inWindow.filter((e) => e.kind === "group_changed" && e.detail !== null && e.detail !== "none");
  const reply = inWindow.find((e) => e.kind === "human_public_reply");
  const solved = inWindow.some((e) => e.kind === "solved");
  const humanGroup = moves.at(-1)?.detail ?? null;
  const humanTags = [...new Set(inWindow.filter((e) => e.kind === "tags_changed").flatMap(addedTags))];
  const human: HumanAction = humanGroup !== null ? "escalated" : reply ? "replied" : solved ? "solved" : "none";

  const proposal = decision.proposedReply;
  const answer =
    proposal !== undefined && reply?.replyText !== undefined
      ? compareAnswers(proposal, reply.replyText, verdicts.get(`${decision.eventId}|${reply.eventId}`) ?? null)
      : null;
  return {
    eventId: decision.eventId,
    category: decision.category ?? "unknown",
    mode: decision.mode,
    human,
    humanGroup,
    humanTags,
    decisionAgrees: human === "none" ? null : decisionAgrees(decision, human, humanGroup),
    answer,
    draft: draftResult(decision, human, reply),
  };
}

/** A `tags_changed` event's added tags (detail: `{"added":[...],"removed":[...]}`); unreadable = none. */
function addedTags(event: ShadowEvent): string[] {
  try {
    const added: unknown = (JSON.parse(event.detail ?? "{}") as { added?: unknown }).added;
    return Array.isArray(added) ? added.filter((tag): tag is string => typeof tag === "string") : [];
  } catch {
    return [];
  }
}

function decisionAgrees(decision: ShadowDecision, human: HumanAction, humanGroup: string | null): boolean {
  if (decision.outcome === "escalate") {
    return human === "escalated" && (decision.proposedGroup === undefined || decision.proposedGroup === humanGroup);
  }
  return human === "replied";
}

/** Facts first, then the judge's verdict when there is one, else how alike the texts are (see `scoreDecision`). */
export function compareAnswers(
  proposed: string,
  human: string,
  judged: boolean | null = null,
): NonNullable<DecisionScore["answer"]> {
  const facts = compareFacts(replyFacts(proposed), replyFacts(human));
  const similarity = textSimilarity(proposed, human);
  const alike = judged ?? (facts.shared > 0 || similarity >= SIMILARITY_AGREES);
  return { facts, similarity, judged, agrees: facts.conflicts === 0 && alike };
}

export function compareFacts(proposed: readonly ReplyFact[], human: readonly ReplyFact[]): FactComparison {
  const kinds = new Set<FactKind>([...proposed, ...human].map((f) => f.kind));
  let shared = 0;
  let conflicts = 0;
  let unmatched = 0;
  for (const kind of kinds) {
    const mine = proposed.filter((f) => f.kind === kind);
    const theirs = human.filter((f) => f.kind === kind);
    const sharedHere = mine.filter((f) => theirs.some((g) => sameFact(f, g))).length;
    shared += sharedHere;
    if (mine.length === 0 || theirs.length === 0) {
      unmatched += mine.length + theirs.length;
      continue;
    }
    const onlyMine = mine.length - sharedHere;
    const onlyTheirs = theirs.filter((g) => !mine.some((f) => sameFact(f, g))).length;
    conflicts += Math.max(onlyMine, onlyTheirs);
  }
  return { shared, conflicts, unmatched };
}

function sameFact(a: ReplyFact, b: ReplyFact): boolean {
  return a.keys.some((x) => b.keys.some((y) => x === y || (a.kind === "date" && sameDate(x, y))));
}

/** Dates agree when day and month do and the years do or one was not written. */
function sameDate(a: string, b: string): boolean {
  const [ya, ...ra] = a.split("-");
  const [yb, ...rb] = b.split("-");
  return ra.join("-") === rb.join("-") && (ya === yb || ya === "*" || yb === "*");
}

function draftResult(
  decision: ShadowDecision,
  human: HumanAction,
  reply: ShadowEvent | undefined,
): DecisionScore["draft"] {
  if (decision.mode !== "draft" || decision.proposedReply === undefined || human === "none") return null;
  if (!reply) return { result: "discarded", editDistance: null };
  // A reply whose text was not kept (the read failed) cannot say what became of the suggestion.
  if (reply.replyText === undefined) return null;
  const distance = editDistance(decision.proposedReply, reply.replyText);
  const result = distance === 0 ? "unchanged" : distance <= EDITED_MAX_DISTANCE ? "edited" : "discarded";
  return { result, editDistance: distance };
}
