const FUTURE = String.raw`(?:'ll|’ll|\s+will|\s+shall|(?:'m|’m|'re|’re|\s+am|\s+are)\s+going\s+to)`;
const FILLER =
  String.raw`(?:(?:also|then|soon|personally|gladly|definitely|need\s+to|have\s+to|try\s+to|` +
  String.raw`make\s+sure\s+to)\s+)?`;
/** Contact and follow-up verbs only: "we'll refund the full amount once it arrives" restates policy. */
const FOLLOW_UP =
  String.raw`(?:e-?mail|call|phone|text|message|contact|follow[\s-]?up|get\s+back|reach\s+out|` +
  String.raw`update|notify|let\s+you\s+know|keep\s+you\s+posted|check|look\s+into|investigate|escalate)`;
const SOMEONE =
  String.raw`(?:someone|somebody|an?\s+(?:agent|specialist|colleague|team\s+member)|` +
  String.raw`our\s+(?:support\s+)?(?:team|staff|agents?|specialists?)|the\s+(?:support\s+)?team)`;

/**
 * Promises of later work. The assistant only writes this one reply: nothing it could say would make
 * an e-mail, a call or a follow-up happen, so such a promise would be broken. Escalation has its own
 * approved message for "a person takes over".
 */
const PROMISE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:i|we)${FUTURE}\s+${FILLER}${FOLLOW_UP}\b`, "gi"),
  new RegExp(
    String.raw`\b${SOMEONE}\s+(?:will|'ll|’ll|is\s+going\s+to)\s+${FILLER}(?:contact|call|e-?mail|` +
      String.raw`get\s+back|reach\s+out|follow\s+up|be\s+in\s+touch|respond|reply|look\s+into)\b`,
    "gi",
  ),
  /\byou(?:'ll|’ll|\s+will)\s+hear\s+(?:back|from)\b/gi,
  /\bget\s+back\s+to\s+you\b/gi,
  /\bfollow\s+up\s+with\s+you\b/gi,
  /\bbe\s+in\s+touch\b/gi,
];

/** The promise phrases found, as written (for the regeneration feedback; never logged). */
export function findPromises(reply: string): string[] {
  const found = PROMISE_PATTERNS.flatMap((pattern) => [...reply.matchAll(pattern)].map((m) => m[0]));
  return [...new Set(found)];
}
