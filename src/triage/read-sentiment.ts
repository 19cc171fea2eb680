import Sentiment from "sentiment";
import { wordPattern } from "./word-pattern.ts";
import { scoreComplaint } from "./score-complaint.ts";
import { scoreProblemReport } from "./score-problem-report.ts";

export interface SentimentReading {
  /**
   * AFINN-165 score of the message with support vocabulary neutralized, plus the complaint points of
   * score-complaint.ts; below 0 is negative.
   */
  score: number;
  /** Abusive, profane, strongly negative or a clear complaint (not merely a problem report). */
  negative: boolean;
}

const analyzer = new Sentiment();

/**
 * Sentiment from the `sentiment` package (AFINN-165 word list with its own negation flip: "not good"
 * scores negative). AFINN was built on tweets, so words that merely name a support problem score
 * negative there ("problem", "error", "lost", "stolen", "fee", "declined"); those are neutralized
 * here, otherwise "my card was stolen" would read as an angry customer. `negative` needs either
 * profanity or negative words adding up to -3 ("ridiculous", "useless garbage", "frustrated and
 * disappointed"), so one mild word ("confused", "unhappy") does not fire it alone. Customers who are
 * unhappy with the service mostly complain without strong words ("on hold for two hours", "still no
 * refund", "thanks for nothing"): score-complaint.ts reads those structures, and a message that has
 * one needs only -2 in total, so one structure or one mild word next to a weaker structure fires.
 * Most unhappy customers only report what went wrong ("the order got cancelled and I was told to
 * wait"): score-problem-report.ts reads those weak signals, two of which fire together, and the
 * friendly tone (thanks, praise, laughter) that counts against them. Other positive words do not
 * offset anything: "please help" does not cancel an insult, "thanks, but" is a complaint, and
 * profanity always fires.
 * Takes normalized text (see normalize-text.ts).
 */
export function readSentiment(normalized: string): SentimentReading {
  let score = 0;
  let negativeSum = 0;
  // Per-call `extras` would be merged into the package's shared word list (it mutates it), so the
  // adjustments are applied to its per-word breakdown instead.
  for (const entry of analyzer.analyze(normalized).calculation) {
    for (const [word, value] of Object.entries(entry)) {
      if (NEUTRAL.has(word)) continue;
      score += value;
      if (value < 0) negativeSum += value;
    }
  }
  let profane = false;
  for (const token of normalized.match(/[a-z']+/g) ?? []) {
    const extra = EXTRA_NEGATIVE.get(token);
    if (extra !== undefined) {
      score += extra;
      negativeSum += extra;
    }
    if (PROFANITY.test(token)) profane = true;
  }
  const complaint = scoreComplaint(normalized);
  score += complaint;
  negativeSum += complaint;
  // Words alone keep the -3 bar that plain requests never reach ("you are not helpful, get me an
  // agent" is -2); a complaint structure is itself evidence, so -2 is enough with one. The weak
  // signals of a reported problem (and a friendly tone against them) move the sum but are not a
  // complaint structure themselves, so two of them are needed where there is none. A friendly word
  // next to an insult is sarcasm or a formula, so it softens nothing then.
  const report = scoreProblemReport(normalized);
  const evidence =
    negativeSum + report.problem + (INSULT.test(normalized) ? 0 : report.friendly) + (complaint < 0 ? 0 : 1);
  return { score, negative: profane || evidence <= -2 };
}

/** Support vocabulary that AFINN scores but that describes the problem, not the customer's mood. */
const NEUTRAL = new Set(
  (
    "problem problems issue issues error errors trouble troubles bug bugs cancel cancels cancelled canceled " +
    "cancelling " +
    "canceling cancellation withdrawal withdrawals lost loss losing lose stolen steal theft fraud fraudulent scam " +
    "scammed charges charged penalty penalties fee fees wrong mistake mistakes missed miss missing forgot forgotten " +
    "demand demanding leave no pay dispute disputed block blocked freeze frozen decline declined rejected reject " +
    "refused refuse denied deny fail failed failing fails failure delay delayed limit limited restrict restricted " +
    "suspend suspended suspicious unauthorized unable broken damaged defective hacked compromised emergency urgent " +
    "weird strange odd died dead doubt sorry stop stopped debt overdraft risk warning fake worried worry worrying " +
    "desperate desperately defect successful success " +
    // Function words of the other supported languages that the English list scores: "die" (de), "sin" (es),
    // "dire" (fr), "gross" (de).
    "die sin dire gross " +
    "help support want like free gold please thanks thank accepted accept restore reach solve " +
    "guarantee supports"
  ).split(" "),
);

/** Insults and verdicts that a polite word around them does not soften ("thanks, you idiots"). */
const INSULT = wordPattern([
  "idiot|idiots|idiotic|moron|morons|stupid|useless|pathetic|incompetent|clowns?|liars?|ridiculous",
  String.raw`disgrace\w*|joke|rubbish|garbage|worst|terrible|horrible|awful`,
]);

/** Abuse the English list lacks (plurals) and the languages Deskmate serves besides English. */
const EXTRA_NEGATIVE = new Map<string, number>([
  ["idiots", -3],
  ["morons", -3],
  ["clowns", -2],
  ["ripoff", -3],
  ["rubbish", -3],
  ["trash", -3],
  ["stfu", -4],
  ["ffs", -3],
  ["incompetentes", -3],
  ["inutiles", -2],
  ["ladrones", -3],
  ["verguenza", -2],
  ["incompetents", -3],
  ["voleurs", -3],
  ["honteux", -3],
  ["nul", -2],
  ["nuls", -2],
  ["inkompetent", -3],
  ["unverschamt", -3],
  ["frechheit", -3],
  ["betruger", -3],
  ["nutzlos", -2],
  ["ladroes", -3],
  ["vergonha", -2],
  ["pessimo", -3],
  ["pessima", -3],
  ["horrivel", -3],
]);

/** Profanity in the supported languages: one word is enough, whatever else the message says. */
const PROFANITY = new RegExp(
  "^(?:damn\\w*|goddamn\\w*|bloody|fuck\\w*|f\\*+k\\w*|shit\\w*|bullshit|crap\\w*|wtf|asshole\\w*|bastard\\w*|" +
    "bitch\\w*|" +
    "piss\\w*|dick\\w*head|mierda|joder|puta|puto|putos|cabron\\w*|gilipollas|pendejo\\w*|carajo|merde\\w*|putain|" +
    "connard\\w*|connasse|encule\\w*|bordel|scheiss\\w*|scheisse|arschloch\\w*|verdammt\\w*|merda|porra|caralho|fdp|" +
    "vaffanculo|cazzo|stronz\\w*)$",
);
