import { foldForMatching } from "../lib/normalize-text.ts";
import { wordPattern } from "./word-pattern.ts";

/**
 * The customer says the assistant's reply worked, or thanks, and nothing else: "thanks, that worked!",
 * "perfect, all sorted". Strict on purpose, because a confirmation ends the ticket's handling without a
 * reply: the message must be made only of the phrases below, punctuation and emoji. Anything left
 * over (a question mark, "but it still fails", "one more question", a name, any other word) makes it
 * not a confirmation, so the message is handled like any other. English only; other languages are
 * never confirmations (handled as usual).
 */
export function detectConfirmation(text: string): boolean {
  const folded = foldForMatching(text);
  if (folded.length === 0 || folded.length > MAX_LENGTH || folded.includes("?")) return false;
  // `search`, not `test`: the patterns are global (for `replace`), and `test` would keep state between calls.
  if (folded.search(CONFIRMATION) < 0 && folded.search(GRATITUDE) < 0) return false;
  let rest = folded;
  for (const pattern of [CONFIRMATION, GRATITUDE, CLOSING]) rest = rest.replace(pattern, " ");
  return LEFTOVER_ALLOWED.test(rest);
}

/** Longer messages say more than "it worked". */
const MAX_LENGTH = 160;

/** "It worked": the reply solved the problem. */
const CONFIRMATION = wordPattern(
  [
    "(?:that|it|this)(?: (?:has|have))? (?:worked|works|did it|did the trick|fixed it|solved it|sorted it)",
    "(?:that|it|this) is (?:working|fixed|solved|resolved|sorted)(?: now)?(?: thanks)?",
    "(?:that|it|this) is (?:all|everything) i (?:needed|wanted)",
    "(?:works|working) (?:now|again|perfectly|great|fine)",
    "all (?:sorted|sorted out|set|good|fixed|done|working|working now)",
    "(?:problem|issue) (?:solved|resolved|fixed|sorted)",
    "(?:sorted|fixed|solved|resolved) now",
    "(?:i )?got it working",
    "(?:that|it|this) (?:answers|answered) my question",
  ],
  "g",
);

/** Thanks, on its own or as a sign-off. */
const GRATITUDE = wordPattern(
  [
    "(?:many )?thanks(?: (?:a lot|so much|very much|again|a million|heaps|loads))?(?: for (?:the|your) help)?",
    "thank you(?: (?:so much|very much|again))?(?: for (?:the|your) help| for helping(?: me)?)?",
    "thx",
    "ty",
    "cheers",
    "(?:much|really) appreciated",
    "(?:i )?(?:really )?appreciate (?:it|that|your help|the help)",
  ],
  "g",
);

/** Pleasantries that add nothing; they count only beside a confirmation or thanks. */
const CLOSING = wordPattern(
  [
    "perfect",
    "great",
    "awesome",
    "excellent",
    "brilliant",
    "wonderful",
    "fantastic",
    "amazing",
    "cool",
    "nice",
    "super",
    "ok",
    "okay",
    "yay",
    "yes",
    "yep",
    "wow",
    "hi",
    "hey",
    "hello",
    "so much",
    "now",
    "no worries",
    "bye",
    "take care",
    "have a (?:great|nice|good|lovely) (?:day|one|weekend|evening)",
    "you are (?:a star|the best|amazing|awesome|great|a legend)",
    "(?:that was|very|super|really) helpful",
  ],
  "g",
);

/**
 * Only spaces, punctuation (but no question mark, checked before) and symbols such as emoji remain.
 * Folding already removed the joiners and variation selectors that glue emoji together.
 */
const LEFTOVER_ALLOWED = /^[\s\p{P}\p{S}\p{Extended_Pictographic}]*$/u;
