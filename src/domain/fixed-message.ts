/**
 * The kinds of messages Deskmate sends in fixed words (not written by the model), and the blanks each
 * may fill in. Here, below config and handoff, so the settings can validate admin translations
 * against the same list the renderer uses.
 */
export const FIXED_MESSAGE_KINDS = [
  "disclosure",
  "escalation",
  "escalation_wait",
  "off_hours",
  "emergency",
  "follow_up",
  "data_notice",
] as const;

export type FixedMessageKind = (typeof FIXED_MESSAGE_KINDS)[number];

/** A placeholder a fixed message may contain: the wait range, or the team's next opening. */
export type FixedMessagePlaceholder = "wait" | "opening";

/**
 * The placeholders each kind must contain (a translation without them would drop the wait or the
 * opening the customer is owed) and may contain: no kind may use another kind's blank.
 */
export const FIXED_MESSAGE_PLACEHOLDERS: Record<FixedMessageKind, readonly FixedMessagePlaceholder[]> = {
  disclosure: [],
  escalation: [],
  escalation_wait: ["wait"],
  off_hours: ["opening"],
  emergency: [],
  follow_up: [],
  data_notice: [],
};

/** Admin translations: locale tag (lower case, "es", "pt-br") → kind → text with its placeholders. */
export type MessageTranslations = Record<string, Partial<Record<FixedMessageKind, string>>>;
