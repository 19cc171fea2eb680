import { foldForMatching } from "../lib/normalize-text.ts";
import { parseMoneyAmounts } from "./parse-money-amounts.ts";

/**
 * The largest money amount in a message about a charge, refund or dispute, or null. A price in a
 * product question ("does the $600 plan include...") is not a dispute, so the message must talk
 * about money taken or owed back.
 */
export function findDisputedAmount(text: string): number | null {
  if (!ABOUT_A_CHARGE.test(foldForMatching(text))) return null;
  const amounts = parseMoneyAmounts(text);
  return amounts.length === 0 ? null : Math.max(...amounts);
}

const ABOUT_A_CHARGE = new RegExp(
  [
    "\\b(?:charg\\w*|overcharg\\w*|refund\\w*|disput\\w*|chargeback\\w*|billed|debit\\w*|deduct\\w*|withdr[ae]w\\w*",
    "taken|took|paid|reimburs\\w*|money back|compensat\\w*|owe[sd]?|wrong amount|double|twice|unauthori[sz]ed",
    "cobr\\w*|reembols\\w*|devolu\\w*|rembours\\w*|prelev\\w*|factur\\w*|abbuchung\\w*|erstatt\\w*|abgebucht|" +
      "estorno\\w*|cobranca\\w*)\\b",
  ].join("|"),
);
