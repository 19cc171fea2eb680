import type { Settings } from "../config/settings-schema.ts";
import {
  FIXED_MESSAGE_PLACEHOLDERS,
  type FixedMessageKind,
  type FixedMessagePlaceholder,
  type MessageTranslations,
} from "../domain/fixed-message.ts";
import { BUNDLED_MESSAGES, type BundledLocale } from "./bundled-messages.ts";

export type { FixedMessageKind } from "../domain/fixed-message.ts";

/** What a message may fill in: the wait range told to the customer, and the next opening of the team. */
export interface FixedMessageVars {
  wait?: { minMinutes: number; maxMinutes: number };
  /** The next business-hours opening (ISO-8601), shown in `timeZone` (the customer's when known). */
  opening?: { at: string; timeZone: string };
}

/**
 * The settings that change fixed messages: the admin's translations for any language, and the two
 * English texts that predate them (`disclosure_text`, `escalation_message`), which customise English
 * only and only where no "en" translation of that kind is given.
 */
export type FixedMessageTexts = Partial<Pick<Settings, "messageTranslations" | "disclosureText" | "escalationMessage">>;

/** "contact support", "contact our support", "contact customer support"... */
const CONTACT_SUPPORT = /\bcontact\s+(?:(?:our|the|customer)\s+)*support\b/i;

/**
 * The message of `kind` for a customer speaking `locale` ("es", "pt-br", "it"), blanks filled from
 * `vars`. The text comes from the first of: the admin's translation for the exact tag, then for its
 * language ("pt" for "pt-br"), the bundled set of that language, and the same chain for English. The
 * wait and the opening are written in the language of the text chosen.
 */
export function fixedMessage(
  kind: FixedMessageKind,
  locale: string,
  vars: FixedMessageVars = {},
  texts: FixedMessageTexts = {},
): string {
  const { template, locale: textLocale } = pickTemplate(kind, locale, texts);
  const wait = vars.wait ?? { minMinutes: 0, maxMinutes: 0 };
  const opening = vars.opening ?? { at: new Date(0).toISOString(), timeZone: "UTC" };
  // One pass over the kind's own blanks only, so a filled-in value is never scanned again and a
  // "{wait}" typed into a disclosure stays as written.
  return template.replace(/\{(wait|opening)\}/g, (blank: string, name: FixedMessagePlaceholder) => {
    if (!FIXED_MESSAGE_PLACEHOLDERS[kind].includes(name)) return blank;
    return name === "wait" ? waitRange(wait, textLocale) : openingText(opening, textLocale);
  });
}

/** The locale tags tried for `locale`, most specific first, English last. */
export function localeChain(locale: string): string[] {
  const tag = locale.trim().toLowerCase().replace(/_/g, "-");
  const primary = tag.split("-")[0] ?? "";
  return [...new Set([tag, primary, "en"].filter((candidate) => /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(candidate)))];
}

function pickTemplate(
  kind: FixedMessageKind,
  locale: string,
  texts: FixedMessageTexts,
): { template: string; locale: string } {
  const translations: MessageTranslations = texts.messageTranslations ?? {};
  for (const candidate of localeChain(locale)) {
    const admin = translations[candidate]?.[kind];
    if (admin?.trim()) return { template: admin.trim(), locale: candidate };
    const english = candidate === "en" ? englishSetting(kind, texts) : null;
    if (english) return { template: english, locale: "en" };
    const bundled = BUNDLED_MESSAGES[candidate as BundledLocale] as Record<FixedMessageKind, string> | undefined;
    if (bundled) return { template: bundled[kind], locale: candidate };
  }
  return { template: BUNDLED_MESSAGES.en[kind], locale: "en" };
}

/**
 * The English settings (disclosure and escalation only). The customer is already
 * talking to support, so an escalation message that sends them to "contact support" is never used.
 */
function englishSetting(kind: FixedMessageKind, texts: FixedMessageTexts): string | null {
  const text =
    kind === "disclosure" ? texts.disclosureText?.trim() : kind === "escalation" ? texts.escalationMessage?.trim() : "";
  if (!text || (kind === "escalation" && CONTACT_SUPPORT.test(text))) return null;
  return text;
}

/** "10–30 minutes", "1–2 hours" (in `locale`'s words): a range, never a single promised time. */
export function waitRange(wait: { minMinutes: number; maxMinutes: number }, locale = "en"): string {
  const max = Math.max(wait.maxMinutes, wait.minMinutes);
  const [low, high, unit] =
    max < 120
      ? [Math.round(wait.minMinutes), Math.round(max), "minute" as const]
      : [Math.max(1, Math.floor(wait.minMinutes / 60)), Math.ceil(max / 60), "hour" as const];
  if (locale === "en") return `${low}–${high} ${unit}s`;
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).formatRange(low, high);
}

/** How each bundled language says "on Monday at 9:00"; other languages get Intl's own day and time. */
const OPENING_WORDS: Record<Exclude<BundledLocale, "en">, (weekday: string, time: string) => string> = {
  es: (weekday, time) => `el ${weekday} a las ${time}`,
  fr: (weekday, time) => `${weekday} à ${time}`,
  de: (weekday, time) => `${weekday} um ${time} Uhr`,
  pt: (weekday, time) => `${weekday} às ${time}`,
};

/** "Monday 9:00 AM (Europe/Paris)", "el lunes a las 9:00 (Europe/Madrid)" in the customer's time zone. */
export function openingText(opening: { at: string; timeZone: string }, locale: string): string {
  const at = new Date(opening.at);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: opening.timeZone }).format(at);
  const words = OPENING_WORDS[locale as keyof typeof OPENING_WORDS];
  const when = words
    ? words(format({ weekday: "long" }), format({ hour: "numeric", minute: "2-digit" }))
    : format({ weekday: "long", hour: "numeric", minute: "2-digit" });
  return `${when} (${opening.timeZone})`;
}
