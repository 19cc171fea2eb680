import {
  HANDOFF_SECTIONS,
  type HandoffSection,
  REVIEW_VERDICTS,
  type ReviewCounts,
  type ReviewVerdictValue,
  WRONG_ESCALATION_KINDS,
  type WrongEscalationKind,
} from "../domain/review.ts";

export interface ReviewMetrics {
  /** Agents' ratings of the range's escalation handoffs (one per agent and decision, the latest). */
  handoff_ratings: {
    rated: number;
    useful: number;
    missing_section: Record<HandoffSection, number>;
    wrong_escalation: Record<WrongEscalationKind, number>;
  };
  /** Reviewers' verdicts on the range's decisions (one per decision, the latest). */
  reviews: {
    reviewed: number;
    by_verdict: Record<ReviewVerdictValue, number>;
    /** right_call / reviewed; null when nothing was reviewed. */
    agreement: number | null;
  };
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * The `handoff_ratings` and `reviews` blocks of a metrics report, from the ledger's counts. One pure
 * function for both ways a report is computed (from rows or from the SQL summary), so they cannot
 * differ. Every section, kind and verdict is listed, zeros included, so a reader sees what was possible.
 */
export function reviewMetrics(counts: ReviewCounts): ReviewMetrics {
  const ratings: ReviewMetrics["handoff_ratings"] = {
    rated: 0,
    useful: 0,
    missing_section: zeros(HANDOFF_SECTIONS),
    wrong_escalation: zeros(WRONG_ESCALATION_KINDS),
  };
  for (const { rating, count } of counts.ratings) {
    const [kind, detail = ""] = rating.split(":");
    if (kind === "useful") ratings.useful += count;
    else if (kind === "missing_section" && detail in ratings.missing_section) {
      ratings.missing_section[detail as HandoffSection] += count;
    } else if (kind === "wrong_escalation" && detail in ratings.wrong_escalation) {
      ratings.wrong_escalation[detail as WrongEscalationKind] += count;
    } else continue; // a value this version does not know is left out rather than miscounted
    ratings.rated += count;
  }
  const byVerdict = zeros(REVIEW_VERDICTS);
  let reviewed = 0;
  for (const { verdict, count } of counts.verdicts) {
    if (!(verdict in byVerdict)) continue;
    byVerdict[verdict] += count;
    reviewed += count;
  }
  return {
    handoff_ratings: ratings,
    reviews: {
      reviewed,
      by_verdict: byVerdict,
      agreement: reviewed === 0 ? null : byVerdict.right_call / reviewed,
    },
  };
}
