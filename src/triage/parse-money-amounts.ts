/**
 * Money amounts written with a currency: "$1,250.00", "1250 EUR", "€600", "600 euros", "£1.5k",
 * "R$ 2.000,00", "1 250,50 €". A bare number is not taken: order numbers, dates and card digits
 * look the same. Returns the amounts in the order written (currency not converted: thresholds are
 * in the account's currency, see DESIGN.md "billing_dispute_over").
 */
export function parseMoneyAmounts(text: string): number[] {
  const amounts: number[] = [];
  for (const match of text.toLowerCase().matchAll(AMOUNT)) {
    const number = match.groups?.before ?? match.groups?.after;
    if (number === undefined) continue;
    const value = parseNumber(number, { thousands: match.groups?.k !== undefined || match.groups?.k2 !== undefined });
    if (value !== null) amounts.push(value);
  }
  return amounts;
}

const SYMBOL = "(?:us\\$|r\\$|a\\$|c\\$|\\$|€|£|¥|₹|usd|eur|gbp|cad|aud|chf|brl|mxn|inr|jpy)";
const WORD =
  "(?:usd|eur|gbp|cad|aud|chf|brl|mxn|inr|jpy|dollars?|euros?|pounds?|quid|bucks|reais|real|pesos?|" +
  "francs?|rupees?|€|\\$|£)";
const NUMBER = "\\d{1,3}(?:[ ,.]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
const AMOUNT = new RegExp(
  `${SYMBOL}\\s?(?<before>${NUMBER})(?<k>\\s?k\\b)?|(?<![\\d.,])(?<after>${NUMBER})(?<k2>\\s?k)?\\s?${WORD}(?![a-z])`,
  "g",
);

/** "1,250.00" and "1.250,00" are both 1250; "12,50" is 12.5; "1 250" is 1250. */
function parseNumber(raw: string, { thousands }: { thousands: boolean }): number | null {
  const lastSeparator = Math.max(raw.lastIndexOf(","), raw.lastIndexOf("."));
  let normalized = raw.replace(/ /g, "");
  if (lastSeparator !== -1 && raw.length - lastSeparator - 1 <= 2) {
    // The last separator has one or two digits after it: it is the decimal mark.
    const decimals = raw.slice(lastSeparator + 1);
    normalized = `${raw.slice(0, lastSeparator).replace(/[ ,.]/g, "")}.${decimals}`;
  } else {
    normalized = normalized.replace(/[,.]/g, "");
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return null;
  return thousands ? value * 1000 : value;
}
