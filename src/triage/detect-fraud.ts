import { PATTERNS, PAIRS } from "./fraud-patterns.ts";

/**
 * Money moved without the customer: a payment, charge, withdrawal or debit they did not make or do
 * not recognise, a chargeback, "not my account", someone else spending on their card. Here the
 * negation is the signal ("a payment I didn't make"), so the rules pair a transaction word with a
 * disowning phrase on either side rather than listing sentences. Inability ("I can't make a
 * payment") and being charged twice or a fee are not fraud. Runs on normalized, typo-corrected text.
 */
export function detectFraud(text: string): boolean {
  if (PATTERNS.some((pattern) => pattern.test(text))) return true;
  return PAIRS.some(([first, second]) => first.test(text) && second.test(text));
}
