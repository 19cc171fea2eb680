import {
  HANDOFF_SECTIONS,
  type HandoffRatingValue,
  type HandoffSection,
  isHandoffRatingValue,
  WRONG_ESCALATION_KINDS,
  type WrongEscalationKind,
} from "../../domain/review.ts";
import { type CanvasComponent, submitButton, text } from "./canvas-kit.ts";

/** Component ids of the rating buttons all start with this; the rest is a rating value or a picker. */
export const RATE_PREFIX = "rate:";

export type RatingPicker = "missing_section" | "wrong_escalation";

/** What the canvas shows about the teammate's rating of the latest handoff. */
export interface RatingView {
  /** The teammate's current rating, or null. */
  current: HandoffRatingValue | null;
  /** A second row of buttons: which section was missing, or what should have happened instead. */
  picker?: RatingPicker;
  /** After a click: "Thanks — recorded", or why nothing was recorded. */
  notice?: { text: string; style: "muted" | "error" };
}

/** What a click on a rating button asks for: a picker to open, or a rating to record. */
export type RatingClick = { picker: RatingPicker } | { rating: HandoffRatingValue };

export function ratingClick(componentId: string): RatingClick | null {
  if (!componentId.startsWith(RATE_PREFIX)) return null;
  const rest = componentId.slice(RATE_PREFIX.length);
  if (rest === "missing_section" || rest === "wrong_escalation") return { picker: rest };
  return isHandoffRatingValue(rest) ? { rating: rest } : null;
}

const SECTION_LABEL: Record<HandoffSection, string> = {
  reasons: "Reasons",
  customer_wants: "What the customer wants",
  customer: "Customer details",
  facts: "Facts",
  sources: "Sources checked",
  actions: "Actions attempted",
  sentiment: "Sentiment",
  next_step: "Suggested next step",
};
const WRONG_LABEL: Record<WrongEscalationKind, string> = {
  should_have_answered: "Should have answered",
  should_have_asked: "Should have asked",
};

/** A rating in words, as the teammate chose it. */
export function ratingLabel(rating: HandoffRatingValue): string {
  const [kind, detail = ""] = rating.split(":");
  if (kind === "missing_section") return `Missing something: ${SECTION_LABEL[detail as HandoffSection]}`;
  if (kind === "wrong_escalation")
    return `Wrong escalation: ${WRONG_LABEL[detail as WrongEscalationKind].toLowerCase()}`;
  return "Useful";
}

/**
 * "Rate this handoff": the teammate's current rating, then Useful / Missing something / Wrong
 * escalation; the last two open a second row (which section; what should have happened). Clicking
 * again replaces the rating.
 */
export function ratingLines(view: RatingView): CanvasComponent[] {
  const lines: CanvasComponent[] = [text("Rate this handoff", "header")];
  if (view.notice) lines.push(text(view.notice.text, view.notice.style));
  lines.push(
    view.current === null
      ? text("Was this handoff what you needed? Your rating helps Deskmate hand over better.", "muted")
      : text(`**Your rating:** ${ratingLabel(view.current)}. Click another to change it.`),
  );
  const style = (value: string) => (view.current?.startsWith(value) ? "primary" : "secondary");
  lines.push(
    submitButton(`${RATE_PREFIX}useful`, "Useful", style("useful")),
    submitButton(`${RATE_PREFIX}missing_section`, "Missing something", style("missing_section")),
    submitButton(`${RATE_PREFIX}wrong_escalation`, "Wrong escalation", style("wrong_escalation")),
  );
  if (view.picker === "missing_section") {
    lines.push(text("Which section was missing or not good enough?", "muted"));
    for (const section of HANDOFF_SECTIONS) {
      lines.push(submitButton(`${RATE_PREFIX}missing_section:${section}`, SECTION_LABEL[section], "link"));
    }
  } else if (view.picker === "wrong_escalation") {
    lines.push(text("What should Deskmate have done instead?", "muted"));
    for (const kind of WRONG_ESCALATION_KINDS) {
      lines.push(submitButton(`${RATE_PREFIX}wrong_escalation:${kind}`, WRONG_LABEL[kind], "link"));
    }
  }
  return lines;
}
