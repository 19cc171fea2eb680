import { type PersonalDataKind, replacePersonalData, scanPersonalData } from "../lib/personal-data.ts";
import { MASK_KINDS, type MaskKind } from "./policy-file.ts";

export const CARD_MASK = (last4: string) => `[card ending ${last4}]`;
export const NATIONAL_ID_MASK = "[national id removed]";
export const SECRET_MASK = "[secret removed]";

/**
 * Masks what a customer should never have pasted before the text reaches the model or the logs:
 * payment card numbers (the last four stay so an agent can still match the card), national ids and
 * secrets, as found by scanPersonalData (the detector the reply validator uses too). The text comes
 * back normalized (normalizeText): no invisible characters, full-width digits folded. E-mail
 * addresses and phone numbers stay: support needs them. Pure.
 */
export function maskSensitiveInput(text: string, kinds: readonly MaskKind[] = MASK_KINDS): string {
  return replacePersonalData(scanPersonalData(text, kinds), (match) => maskFor(match.kind, match.value, kinds));
}

function maskFor(kind: PersonalDataKind, value: string, kinds: readonly MaskKind[]): string | null {
  if (kind === "card" && kinds.includes("card")) return CARD_MASK(value.replace(/\D/g, "").slice(-4));
  if (kind === "national_id" && kinds.includes("national_id")) return NATIONAL_ID_MASK;
  if (kind === "secret" && kinds.includes("secret")) return SECRET_MASK;
  return null;
}
