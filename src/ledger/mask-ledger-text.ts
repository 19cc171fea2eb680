import { replacePersonalData, scanPersonalData } from "../lib/personal-data.ts";

/**
 * Free text a person typed into the ledger (a review comment, a setting's value) with personal data
 * replaced by its kind (`[email]`, `[card]`) and cut to `maxChars`: the ledger keeps no contacts.
 */
export function maskLedgerText(text: string, maxChars: number): string {
  const masked = replacePersonalData(scanPersonalData(text), (match) => `[${match.kind}]`);
  return masked.length <= maxChars ? masked : `${masked.slice(0, maxChars - 1)}…`;
}
