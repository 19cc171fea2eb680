/**
 * Customers type fast: "somone", "agnet", "paymnet", "recongize". The detectors match whole words,
 * so a key word one edit away (insert, delete, substitute or swap two neighbours) is put back to
 * its spelling first. Only words of 5+ letters are touched; inflections ("purchased"), words of the
 * other supported languages ("persona", "agente") and real words that sit one edit from a key word
 * ("taking"/"talking", "contract"/"contact") are left alone.
 */
const KEY_WORDS = [
  "someone",
  "somebody",
  "person",
  "human",
  "agent",
  "assistant",
  "operator",
  "representative",
  "supervisor",
  "talk",
  "talking",
  "speak",
  "speaking",
  "chatting",
  "contact",
  "contacting",
  "recognise",
  "recognize",
  "recognised",
  "recognized",
  "unauthorized",
  "unauthorised",
  "authorized",
  "authorised",
  "transaction",
  "transactions",
  "withdrawal",
  "withdrawals",
  "payment",
  "payments",
  "purchase",
  "purchases",
  "stolen",
  "compromised",
  "fraudulent",
  "attorney",
  "lawsuit",
] as const;

const REAL_NEIGHBOURS = new Set([
  "taking",
  "contract",
  "contracts",
  "stole",
  "stalk",
  "stalking",
  "chalk",
  "speck",
  "sneak",
  "sneaking",
  "compromise",
  "humain",
  "operador",
  "contacto",
  "transaccion",
  "transaktion",
]);

const KEYS = new Set<string>(KEY_WORDS);
const KEYS_BY_LENGTH = new Map<number, string[]>();
for (const word of KEY_WORDS) KEYS_BY_LENGTH.set(word.length, [...(KEYS_BY_LENGTH.get(word.length) ?? []), word]);

export function correctTypos(normalized: string): string {
  return normalized.replace(/[a-z]{5,}/g, (token) => {
    if (KEYS.has(token) || REAL_NEIGHBOURS.has(token) || isInflection(token)) return token;
    for (const length of [token.length, token.length - 1, token.length + 1]) {
      if (length < 4) continue;
      for (const key of KEYS_BY_LENGTH.get(length) ?? []) if (withinOneEdit(token, key)) return key;
    }
    return token;
  });
}

const ENDING = /^(?:e?s|e?d|ing|ers?|a|as|o|os|e)$/;

/** "purchased", "agents", "persona" (Spanish): a key word plus an ending is a word of its own. */
function isInflection(token: string): boolean {
  return KEY_WORDS.some((key) => {
    const root = key.endsWith("e") ? key.slice(0, -1) : key;
    return token.startsWith(root) && ENDING.test(token.slice(root.length));
  });
}

/** Optimal string alignment distance <= 1, without building the matrix. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.slice(i) === longer.slice(i + 1);
}
