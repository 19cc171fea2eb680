import { extractClaims, type Claim } from "./extract-claims.ts";
import type { GroundingCorpus } from "./grounding-corpus.ts";

/**
 * The claims in a reply that no trusted text states. Values are compared normalized: $25 matches
 * "25.00" or "25 USD" (an amount needs an amount: "30-day" does not ground $30), "30 days" matches
 * "30-day", December 1 matches 2026-12-01. A dated claim with a year needs
 * that year too (written with the date, or anywhere when the source's date has no year).
 */
export function findUngroundedClaims(reply: string, corpus: GroundingCorpus): Claim[] {
  return extractClaims(reply).filter((claim) => !isGrounded(claim, corpus));
}

function isGrounded(claim: Claim, corpus: GroundingCorpus): boolean {
  switch (claim.kind) {
    case "url":
      return corpus.urls.has(claim.url);
    case "money":
      return corpus.money.has(claim.value);
    case "percent":
      return corpus.percents.has(claim.value);
    case "number":
      return corpus.numbers.has(claim.value);
    case "date":
      return claim.keys.some((key) => {
        const [year, month, day] = key.split("-");
        const monthDay = `${month}-${day}`;
        if (year === "*") return corpus.monthDays.has(monthDay);
        return corpus.dates.has(key) || (corpus.dates.has(`*-${monthDay}`) && corpus.numbers.has(Number(year)));
      });
  }
}
