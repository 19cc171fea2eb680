import { wordPattern } from "./word-pattern.ts";
/**
 * Weak evidence of an unhappy customer in one normalized message (see normalize-text.ts), as points
 * that read-sentiment.ts adds to the word-list and complaint score. Real customers who are unhappy
 * mostly report what went wrong without a single strong word: "my order was cancelled and now I have
 * to wait 3 days", "you told me it would be fixed... nothing". Each signal here is common in neutral
 * messages too, so none fires alone; two of them, or one next to a mild negative word, do. A friendly
 * tone (thanks, praise, laughter) or a shared link counts the other way (`friendly`, kept apart so
 * the caller can ignore it next to an insult), so a customer who reports a problem while thanking
 * the team is not read as angry.
 *
 * Tuned on the even-id half of a labelled set of real customer messages and checked on the odd half
 * (`npm run eval:triage -- --holdout`). Only general support structure: no product or industry nouns,
 * so "my package got lost" scores like any other lost item. English only, like the word list.
 */
export function scoreProblemReport(normalized: string): { problem: number; friendly: number } {
  const question = normalized.includes("?");
  let problem = 0;
  let friendly = 0;
  for (const [pattern, weight, statementOnly] of SIGNALS) {
    // "why are you not answering?" is often a plain question; the same words stated are a complaint.
    if (statementOnly === STATEMENT_ONLY && question) continue;
    if (!pattern.test(normalized)) continue;
    if (weight < 0) problem += weight;
    else friendly += weight;
  }
  return { problem, friendly };
}

/** Marks a signal that counts only in a message without a question mark. */
const STATEMENT_ONLY = "statement only";

/**
 * [pattern, points]: negative points for a reported problem, positive ones for a friendly tone. Each
 * counts once per message. Every repetition is bounded, so each pattern runs in linear time.
 */
const SIGNALS: ReadonlyArray<readonly [RegExp, number, typeof STATEMENT_ONLY?]> = [
  // A failure that happened, named by its participle: "got cancelled", "was damaged", "we missed".
  [
    wordPattern([
      "cancell?ed|delayed|lost|missed|stuck|stranded|broke|broken|damaged|denied|refused|overbooked",
      "ignored|rebooked|diverted|misplaced",
    ]),
    -2,
  ],
  // Time the customer lost: "hours", "on hold", "still waiting", "45 min", "2 days", "late".
  [/\b(?:hours?|hrs)\b/, -2],
  [/\b(?:wait\w*|hold)\b/, -2],
  [/\b\d+\s*(?:mins?|minutes?|hours?|hrs?|h|days?)\b/, -2],
  [/\blate\b/, -2],
  // Nothing happened or nobody acted: "nothing", "no one", "never", "nope".
  [/\b(?:no one|noone|nothing|nobody|none)\b/, -2],
  [/\bnever\b/, -2],
  [/\b(?:nope|nah)\b|\bno\./, -2],
  // A promise that did not hold: "I was told", "they told me".
  [/\btold\b/, -2],
  // A repeat or a turn for the worse: "again", "but".
  [/\bagain\b/, -1],
  [/\bbut\b/, -1, STATEMENT_ONLY],
  // Effort and obligation the customer was put to: "I had to", "tried", "still",
  // "should have", "every time".
  [/\b(?:had|have) to\b/, -1],
  [/\b(?:tried|trying)\b/, -1, STATEMENT_ONLY],
  [/\bstill\b/, -1, STATEMENT_ONLY],
  [/\b(?:should have|should be|supposed to|should not)\b/, -1],
  [/\b(?:every|always|constantly|whole|entire)\b/, -1],
  // Blame addressed to the company: "you charged me", "your agent did not call".
  [
    new RegExp(
      [
        String.raw`\byou(?: guys)? (?:have|had|did|do|are|were|should|need|could|can|just|keep|lost|made|put|`,
        String.raw`sent|changed|charged|told)\b`,
      ].join(""),
    ),
    -1,
    STATEMENT_ONLY,
  ],
  [
    /\b(?:you|your)\b[^.!?]{0,80}\b(?:not|never|no)\b|\b(?:not|never|no)\b[^.!?]{0,80}\b(?:you|your)\b/,
    -1,
    STATEMENT_ONLY,
  ],
  // Trailing off: "waited all day...".
  [/\.{2,}/, -1],
  // A friendly tone: thanks, praise, laughter; a shared link is usually information, not anger.
  [/\b(?:thanks?|thank you|thx|ty|kudos|appreciate\w*|grateful)\b/, 2],
  [/\b(?:love|great|awesome|amazing|best|excellent|wonderful|fantastic|happy|glad|nice|good)\b/, 3],
  [/\b(?:lol|haha\w*|hehe)\b|[;:]-?\)|[;:]-?d\b/, 3],
  [/https?:\/\//, 1],
];
