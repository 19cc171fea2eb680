import { DEFAULT_DISCLOSURE_TEXT, DEFAULT_ESCALATION_MESSAGE } from "../config/settings-schema.ts";

/**
 * The messages Deskmate sends in fixed words (not written by the model): the AI disclosure, the warm
 * escalation message and its variants for a known wait, off hours and the emergency path, the follow-up
 * when a person is late, and the notice before an action reads the customer's account data.
 */
export type FixedMessageKind =
  | "disclosure"
  | "escalation"
  | "escalation_wait"
  | "off_hours"
  | "emergency"
  | "follow_up"
  | "data_notice";

/** What a message may fill in: the wait range told to the customer, and the next opening of the team. */
export interface FixedMessageVars {
  wait?: { minMinutes: number; maxMinutes: number };
  /** The next business-hours opening (ISO-8601), shown in `timeZone` (the customer's when known). */
  opening?: { at: string; timeZone: string };
}

type Template = (vars: Required<FixedMessageVars>, locale: string) => string;

const ENGLISH: Record<FixedMessageKind, Template> = {
  disclosure: () => DEFAULT_DISCLOSURE_TEXT,
  escalation: () => DEFAULT_ESCALATION_MESSAGE,
  escalation_wait: ({ wait }) =>
    "Thanks for your patience. I'm handing your conversation to a specialist on our support team now. " +
    "They can see everything we've discussed, so you won't need to repeat anything. " +
    `Right now replies usually take ${waitRange(wait)}; they'll answer right here in this conversation.`,
  off_hours: ({ opening }, locale) =>
    "Thanks for your patience. I'm handing your conversation to a specialist on our support team. " +
    `Our team is away right now and back ${openingText(opening, locale)}; they'll pick this up then, ` +
    "with everything we've discussed. You don't need to wait here: their reply will also reach you by email.",
  emergency: () =>
    "I'm handing this to our on-call team right away. They can see everything we've discussed and will " +
    "reply here as soon as possible.",
  follow_up: () =>
    "A quick update: your conversation is still with our support team and hasn't been forgotten. " +
    "It's taking longer than we said, and we've raised its priority. A specialist will reply here.",
  data_notice: () => "I'll look up your account to help with this.",
};

/** The message of `kind` in `locale` (English for now), with its blanks filled from `vars`. */
export function fixedMessage(kind: FixedMessageKind, locale: string, vars: FixedMessageVars = {}): string {
  const filled: Required<FixedMessageVars> = {
    wait: vars.wait ?? { minMinutes: 0, maxMinutes: 0 },
    opening: vars.opening ?? { at: new Date(0).toISOString(), timeZone: "UTC" },
  };
  return ENGLISH[kind](filled, locale);
}

/** "10–30 minutes", "1–2 hours": a range, never a single promised time. */
export function waitRange(wait: { minMinutes: number; maxMinutes: number }): string {
  const max = Math.max(wait.maxMinutes, wait.minMinutes);
  if (max < 120) return `${Math.round(wait.minMinutes)}–${Math.round(max)} minutes`;
  return `${Math.max(1, Math.floor(wait.minMinutes / 60))}–${Math.ceil(max / 60)} hours`;
}

/** "Monday at 9:00 AM (Europe/Paris)" in the customer's time zone. */
export function openingText(opening: { at: string; timeZone: string }, locale: string): string {
  const when = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    hour: "numeric",
    minute: "2-digit",
    timeZone: opening.timeZone,
  }).format(new Date(opening.at));
  return `${when} (${opening.timeZone})`;
}
