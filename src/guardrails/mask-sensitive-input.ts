import { MASK_KINDS, type MaskKind } from "./policy-file.ts";

export const CARD_MASK = (last4: string) => `[card ending ${last4}]`;
export const NATIONAL_ID_MASK = "[national id removed]";
export const SECRET_MASK = "[secret removed]";

// Labelled secrets: "password: hunter2", "api key = abc", "my token is x9f...". After "is" the value
// must look like a secret (a digit or symbol in it) so "my password is not working" stays readable.
const LABEL = String.raw`(?:password|passwd|pwd|passcode|pin|api[ _-]?key|secret(?:[ _-]?key)?|(?:access|auth|api|bearer)?[ _-]?token)`;
const NOT_MASKED = String.raw`(?!\[secret removed\])`;
const LABELLED_SEPARATOR = new RegExp(String.raw`\b(${LABEL})(\s*[:=]\s*)${NOT_MASKED}("[^"]+"|'[^']+'|\S+)`, "giu");
const LABELLED_IS = new RegExp(String.raw`\b(${LABEL})(\s+is\s+)${NOT_MASKED}(\S*[^\p{L}\s]\S*)`, "giu");
// Well-known key formats (OpenAI/Anthropic sk-, Stripe sk_/rk_, GitHub ghp_/gho_, Slack xox*-, AWS AKIA, JWTs, Bearer).
const KEY_FORMATS = [
  /\b(?:sk|rk|pk)[-_](?:live_|test_|ant-|proj-)?[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g,
];
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const US_SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const US_SSN_LABELLED = /\b(?:ssn|social security(?: number| no\.?)?)\s*(?:is|:|#)?\s*\d{9}\b/giu;
// UK National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, A-D.
const UK_NI = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/giu;

/**
 * Masks what a customer should never have pasted before the text reaches the model or the logs:
 * payment card numbers (13-19 digits, spaces or dashes allowed, Luhn-valid; the last four stay so an
 * agent can still match the card), national ids (US SSN, UK NI number, IBAN with a valid mod-97
 * check) and secrets (labelled passwords/keys/tokens and well-known key formats). Pure.
 */
export function maskSensitiveInput(text: string, kinds: readonly MaskKind[] = MASK_KINDS): string {
  let out = text;
  if (kinds.includes("secret")) {
    for (const format of KEY_FORMATS) out = out.replace(format, SECRET_MASK);
    out = out.replace(LABELLED_SEPARATOR, (_m, label: string, sep: string) => `${label}${sep}${SECRET_MASK}`);
    out = out.replace(LABELLED_IS, (_m, label: string, sep: string) => `${label}${sep}${SECRET_MASK}`);
  }
  if (kinds.includes("national_id")) {
    out = out.replace(IBAN, (m) => (ibanChecksumOk(m) ? NATIONAL_ID_MASK : m));
  }
  if (kinds.includes("card")) {
    out = out.replace(CARD, (m) => {
      const digits = m.replace(/\D/g, "");
      return luhnOk(digits) ? CARD_MASK(digits.slice(-4)) : m;
    });
  }
  if (kinds.includes("national_id")) {
    out = out.replace(US_SSN_LABELLED, NATIONAL_ID_MASK).replace(US_SSN, NATIONAL_ID_MASK).replace(UK_NI, NATIONAL_ID_MASK);
  }
  return out;
}

export function luhnOk(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
function ibanChecksumOk(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "").toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
