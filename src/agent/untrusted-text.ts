import { maskSensitiveInput } from "../guardrails/mask-sensitive-input.ts";
import { normalizeText } from "../lib/normalize-text.ts";
import { replacePersonalData, scanPersonalData } from "../lib/personal-data.ts";

/**
 * Makes text safe to place inside the prompt's delimited data sections. Customer text (and anything a
 * customer can influence: names, subjects, article bodies quoting them) must not be able to close a
 * section or open a new one, so every angle bracket, including full-width and other look-alikes, becomes
 * ‹ or ›, which the system prompt declares. Email addresses are removed: the model never needs them
 * (identity comes from the helpdesk, never from message text) and replies must not repeat them; they
 * are found by the personal-data detector the reply validator uses (scanPersonalData).
 * Card numbers, national ids and pasted secrets are masked too (maskSensitiveInput): the model never
 * needs them and must not be able to repeat them.
 */
const OPENING = /[<\uff1c\u2329\u3008\u300a\ufe64\u276e\u27e8]/g;
const CLOSING = /[>\uff1e\u232a\u3009\u300b\ufe65\u276f\u27e9]/g;

export const EMAIL_PLACEHOLDER = "[email removed]";

export interface UntrustedTextOptions {
  maxChars?: number;
  /** Help center passages keep theirs: a support address there is company content, not customer data. */
  keepEmails?: boolean;
  /** Help center passages are company content: "Password: at least 8 characters" is not a secret. */
  keepSensitive?: boolean;
}

export function untrustedText(text: string, options: UntrustedTextOptions = {}): string {
  const maxChars = options.maxChars ?? 8000;
  // Normalized in both branches (maskSensitiveInput normalizes too): a bidi override or zero-width
  // character must not reach the model, whose reading of them is not ours.
  const masked = options.keepSensitive ? normalizeText(text) : maskSensitiveInput(text);
  const cleaned = (
    options.keepEmails ? masked : replacePersonalData(scanPersonalData(masked, ["email"]), () => EMAIL_PLACEHOLDER)
  )
    .replace(OPENING, "‹")
    .replace(CLOSING, "›")
    // normalizeText removed the other control characters; a lone carriage return has no meaning here.
    .replace(/\r/g, "")
    .trim();
  return cleaned.length > maxChars ? `${cleaned.slice(0, maxChars)} [truncated]` : cleaned;
}

/** A one-line value (names, subjects, titles): newlines would let it pose as another field. */
export function untrustedLine(text: string, maxChars = 300): string {
  // Normalized before flattening: a next-line character (U+0085) only becomes a line break there.
  return untrustedText(normalizeText(text).replace(/\s+/g, " "), { maxChars });
}
