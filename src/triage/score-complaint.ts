import { matchesUnnegated } from "./match-unnegated.ts";
import { wordPattern } from "./word-pattern.ts";

/**
 * Complaint structure in one normalized customer message (see normalize-text.ts), as negative points
 * that read-sentiment.ts adds to the word-list score. A word list scores words one at a time, so it
 * misses how unhappy customers actually write to support: they rarely insult, they describe a wait
 * ("two hours on hold"), an absence ("no one answers", "never received"), a repeat ("still not fixed",
 * "yet again"), a lost customer ("never again", "switching to"), or they say the opposite of what
 * they mean ("thanks for nothing"). Each rule is a general English structure; the nouns some of them
 * name come from retail, banking and travel support alike. A rule counts once per message, so
 * repetition alone does not pile up. Plain requests ("I have a problem with my order", "cancel my
 * subscription") and plain problem reports ("my card is not working") match none of the strong rules.
 * Tuned on half of a labelled set of real customer messages and checked on the other half (see
 * `npm run eval:triage -- --holdout`); English only, like the word list.
 */
export function scoreComplaint(normalized: string): number {
  let points = 0;
  for (const [pattern, weight, negatable] of RULES) {
    if (!pattern.test(normalized)) continue;
    // "I am not upset, just asking" and "not so bad" name a feeling only to deny it.
    if (negatable === NEGATABLE && !matchesUnnegated(normalized, pattern, NEGATION)) continue;
    points += weight;
  }
  return points;
}

/** Marks a rule whose match a "not"/"never" earlier in the same clause cancels. */
const NEGATABLE = "negatable";
const NEGATION = /\b(?:not|never|no|hardly|without)\b/;

const DURATION =
  String.raw`(?:\d+\+?|an?|one|two|three|four|five|six|several|many|few|couple of|24|` +
  String.raw`48)\s*(?:(?:full|whole|entire|good)\s+)?(?:hours?|hrs?|h|mins?|minutes?|days?|weeks?|months?)`;
const WAIT_WORD =
  String.raw`(?:wait\w*|on hold|hold time|holding|delay\w*|late|stuck|stranded|sitting|sat|queue\w*|` +
  "no answer|no response|no reply|later)";
const CONTACT =
  String.raw`(?:respon\w*|repl\w*|answer\w*|call\w*|email\w*|help\w*|update\w*|contact\w*|word|` +
  String.raw`info\w*|notice|notification|explanation|apolog\w*|compensation|communication|one|body|show)`;

/**
 * [pattern, points]; points are negative. Word boundaries keep "late" out of "translate". Every
 * repetition is bounded or anchored on a literal, so each pattern runs in linear time; a lookbehind
 * sits after its match, where it is checked once per match instead of at every position.
 */
const RULES: ReadonlyArray<readonly [RegExp, number, typeof NEGATABLE?]> = [
  // A wait with its length, either order: "on hold for 2 hours", "3 hours late", "waited a week".
  [new RegExp(String.raw`\b${WAIT_WORD}\b[^.!?]{0,40}\b${DURATION}\b|\b${DURATION}\b[^.!?]{0,30}\b${WAIT_WORD}\b`), -3],
  // Time spent trying: "been waiting", "been trying to reach you", "still on hold".
  [
    new RegExp(
      [
        String.raw`\b(?:been|keep|kept|still)\s+(?:waiting|trying|calling|holding|on hold|stuck|sitting|` +
          String.raw`chasing|asking)\b`,
        String.raw`\b(?:kept|left) (?:me|us) (?:waiting|on hold|in the dark)\b`,
      ].join("|"),
    ),
    -2,
  ],
  // Something that should have happened has not, or happened again: "still no refund", "yet again",
  // "delayed again?!".
  [
    new RegExp(
      [
        String.raw`\bstill\s+(?:no|not|nothing|none|have not|has not|had not|had no|did not|does not|do not|` +
          String.raw`can not|could not|unable|waiting)\b`,
        String.raw`\b(?:yet|once) again\b|\bagain\s*[?!]`,
      ].join("|"),
    ),
    -2,
  ],
  // Nobody answers: "no one picks up", "nobody called back", "no response to my emails".
  [
    new RegExp(
      String.raw`\b(?:no|zero|without any|without an?)\s+(?:\w+\s+)?${CONTACT}\b|` +
        String.raw`\bno (?:reason|recourse|way to|excuse)\b|\bnobody\b|\bno-one\b|\bnot a (?:single|word)\b|` +
        String.raw`\bhung up\b|\b(?:disconnected|cut off|call volumes?)\b|\b(?:little|zero|no) help\b|` +
        String.raw`\bhang up\b|\bleft (?:me )?(?:hanging|on hold)\b`,
    ),
    -2,
  ],
  // Never received / never heard back / not heard back.
  [
    new RegExp(
      [
        String.raw`\bnever\s+(?:got|get|receive|received|arrive|arrived|came|come|heard|hear|going to|work|` +
          String.raw`works|worked|respond\w*|repl\w*|answer\w*|call\w*|showed|show|sent|delivered|fixed|` +
          String.raw`refunded|got back|get back|returned)\b`,
        String.raw`\b(?:not|no)\s+(?:heard|gotten|received)\s+(?:back|anything|a (?:reply|response|word|call))\b`,
      ].join("|"),
    ),
    -2,
  ],
  // Cannot get through to anyone: "can not get through", "impossible to reach".
  [
    new RegExp(
      [
        String.raw`\b(?:can not|could not|unable to|impossible to|no way to|not able to)\s+(?:get through|`,
        String.raw`get a ?hold|reach|get anyone|talk to anyone|speak to anyone|contact)\b`,
      ].join(""),
    ),
    -2,
  ],
  // A lost customer: "never again", "switching to another", "last time I fly with you".
  [
    new RegExp(
      [
        String.raw`\bnever\s+(?:again|\w+ing\s+(?:with|you|again)|` +
          String.raw`(?:fly|use|buy|order|shop|book)\w*\s+(?:with|from|you|again|this))\b`,
        String.raw`\b(?:switch\w*|mov\w*|go\w*|went)\s+(?:to|` +
          String.raw`back to)\s+(?:(?:another|a different|other)\s+(?:company|provider|airline|bank|carrier|` +
          String.raw`service|store|shop|brand)|(?:a|your) competitors?)\b`,
        String.raw`\b(?:find|use|try|go with|choose|pick)\s+(?:another|other|a different)\s+(?:company|` +
          String.raw`provider|airline|bank|carrier|service|store|shop|brand)s?\b`,
        String.raw`\blast time\s+(?:i|we)\b|\blost (?:a|my|our|your) (?:customer|business)\b`,
        String.raw`\b(?:take|taking|took) (?:my|our) business\b`,
      ].join("|"),
    ),
    -3,
  ],
  // Saying the opposite: "thanks for nothing", "great job, another delay", "#sarcasm", "so much for".
  [
    new RegExp(
      [
        String.raw`\bthanks? (?:you )?for nothing\b|\bthanks?,? but\b|\bthank you,? but\b`,
        String.raw`\bthanks? (?:you )?for (?:the|your) (?:no|non|late|lack|delay\w*|cancell\w*)\b|#sarcasm\b`,
        String.raw`\bso much for\b|\byeah,? right\b|\bgood job\s*[.!]*\s*not\b|\bnot\s+(?:even|once)\b`,
        String.raw`\bwhat a (?:joke|mess|nightmare|disaster|shame|waste|surprise)\b`,
      ].join("|"),
    ),
    -3,
  ],
  // "how is this acceptable", "how hard is it", "what is the point".
  [
    new RegExp(
      [
        String.raw`\bhow (?:is|was|can)\s+(?:this|that|it)\s+(?:ok|okay|acceptable|fair|possible|legal|` +
          String.raw`allowed|customer service)\b`,
        String.raw`\bhow hard (?:is|can)\b|\bwhat is the point\b|\bwhat gives\b|\bwhat is wrong with\b`,
        String.raw`\bwhy (?:is|are|does|do|did|would|has|have) (?:it|this|that|there|nobody|no one|your|` +
          String.raw`you)\b[^.!?]*\b(?:not|no|never|always|so)\b`,
      ].join("|"),
    ),
    -2,
  ],
  // Hashtag and shorthand complaints the word list cannot split: "#fail", "#worst", "smh", "ugh".
  [
    new RegExp(
      [
        String.raw`#\w*(?:fail|worst|never|disappoint|terrible|awful|annoyed|frustrat|unacceptable|shame|` +
          String.raw`sucks|unfriendly|badservice|poorservice|lowstandards)\w*`,
        String.raw`\bscrew (?:you|this|that)\b|\bscrewed\b|\bsmh\b|\bugh+\b|\bboo+\b|\bsmdh\b|\bwtf\b|\bfml\b`,
      ].join("|"),
    ),
    -3,
  ],
  // Emphatic punctuation and sad faces: "?!", "!!!", "???", ":(".
  [/\?!|!\?|!{2,}|\?{2,}/, -1],
  [
    new RegExp(
      [
        String.raw`(?:^|\s)[:;]-?[(\/\\|]|\)-?:|`,
        // Angry, sad, crying, eye-rolling, thumbs-down and swearing emoji (one character class).
        String.raw`[\u{1F620}\u{1F621}\u{1F624}\u{1F61E}\u{1F61F}\u{1F622}\u{1F62D}\u{1F629}`,
        String.raw`\u{1F62B}\u{1F612}\u{1F611}\u{1F644}\u{1F44E}\u{1F92C}\u{1F615}\u{2639}]`,
      ].join(""),
      "u",
    ),
    -1,
  ],
  // Problem words the word list treats as neutral, when they happened to the customer ("my flight was
  // cancelled", "the parcel got damaged") or someone is blamed ("you lost my bag"). A request to cancel
  // or a question about a problem ("what happens if it is cancelled") is not this.
  [
    new RegExp(
      [
        String.raw`\b(?:was|were|got|been|is|are|get|gets|keeps? getting)\s+(?:\w+\s+)?(?:delayed|cancell?ed|` +
          "stranded|damaged|overbooked|bumped|ignored|misplaced|" +
          String.raw`downgraded)\b(?<!\b(?:if|when|whether|in case)\b[^.!?]{0,60})`,
        String.raw`\b(?:you|they|you guys|your \w+)\s+(?:lost|broke|damaged|misplaced|ruined|forgot|ignored|` +
          String.raw`cancell?ed)\s+(?:my|our|me|us)\b`,
        String.raw`\bmissed (?:my|our|the) (?:connection|connecting|flight|train|appointment|meeting|delivery)\b`,
        String.raw`\bstrand(?:ing|s|ed)?\b`,
      ].join("|"),
    ),
    -2,
  ],
  // A service failing the customer, said as a state rather than a request: "the site is down",
  // "app keeps crashing", "will not let me check in", "my bag is missing".
  [
    new RegExp(
      [
        String.raw`\b(?:is|are|was|were|been|keeps?|still)\s+(?:\w+\s+)?(?:down|broken|crashing|timing out|` +
          String.raw`failing|not working|not loading|not showing|frozen)\b`,
        String.raw`\b(?:will not|would not|does not|did not|wo not) (?:let|allow) (?:me|us)\b`,
        String.raw`\b(?:does|did|do) not (?:work|load|show|open)\b`,
      ].join("|"),
    ),
    -1,
  ],
  // A disruption named as a noun is weaker evidence: "any news on the delay?" is often just a question.
  [/\b(?:delays?|cancellations?|overbook\w*)\b/, -1],
  // Exasperation and repetition: "seriously?", "are you kidding", "come on", "the third time".
  [
    new RegExp(
      [
        String.raw`\bseriously\b|\breally\s*\?|\bare you (?:kidding|serious|joking)\b|\bcome on\b`,
        String.raw`\bunbelievable\b|\b(?:second|third|fourth|2nd|3rd|4th|another) time\b`,
        String.raw`\bfor the (?:\w+ )?time\b`,
      ].join("|"),
    ),
    -2,
  ],
  // Questions that often carry frustration but are just as often plain questions ("where is my
  // parcel?", "why did my transfer not go through?"): they only count next to another signal.
  [
    new RegExp(
      [
        String.raw`\bwhere (?:is|are) (?:my|our) (?:refund|bags?|luggage|baggage|suitcase|order|package|` +
          String.raw`parcel|money|delivery)\b`,
        String.raw`^(?:@\w+\s+)*why\b|[.!?]\s*why\b|\bhow come\b|\bwhat the (?:hell|heck)\b`,
        String.raw`\bwhat the\s*(?:\.{2,}|[?!])`,
        String.raw`\bwhat(?: the heck| the hell)? is (?:going on|happening|up with)\b|\bwhat happened to\b`,
      ].join("|"),
    ),
    -1,
  ],
  // Judging the service as a whole, or telling the company to improve: "poor customer service",
  // "not acceptable", "please fix this", "wasted my whole day".
  [
    new RegExp(
      [
        String.raw`\b(?:worst|terrible|horrible|poor|bad|awful|no|lousy|` +
          String.raw`pathetic)\s+(?:customer\s+)?(?:service|support|experience|communication)\b`,
        String.raw`\bnot (?:acceptable|ok|okay|cool|happy|good enough|fair|right|impressed|satisfied|pleased)\b`,
        String.raw`\bwast(?:e|ed|ing)\s+(?:my|our|of)\b|\bdrop(?:ped|ping|s)? the ball\b`,
        String.raw`\b(?:does|did|do|will|would|is|was) not help\b`,
      ].join("|"),
    ),
    -2,
  ],
  [
    new RegExp(
      [
        String.raw`\bplease fix\b|\bfix (?:your|this mess)\b|\bget it together\b`,
        String.raw`\b(?:stop|quit) (?:pretending|lying|ignoring|sending|charging|telling)\b`,
        String.raw`\bexpected (?:more|better)\b|\bway too\b|\btoo (?:often|long|slow)\b|\bdo better\b`,
        String.raw`\bstep it up\b`,
      ].join("|"),
    ),
    -2,
  ],
  // Weak alone, telling with another signal: a length of time, "I was told", "I paid for".
  [
    new RegExp(
      [
        String.raw`\b(?:\d+\+?|an?|one|two|three|four|five|six|several|many|few)\s*(?:hours?|hrs?|days?|weeks?)\b`,
        String.raw`\b(?:was|were|been|got) told\b|\b(?:i|we) paid\b|\b(?:i|we) had to\b`,
        String.raw`\b(?:\d+x|(?:\d+|two|three|four|five|several|multiple|many) (?:different )?times)\b`,
        String.raw`\bmissing\b`,
      ].join("|"),
    ),
    -1,
  ],
  // An intensified bad feeling or verdict: "so disappointed", "extremely slow", "really rude".
  [
    new RegExp(
      [
        String.raw`\b(?:very|so|extremely|really|incredibly|totally|beyond|absolutely|completely|utterly|super|`,
        String.raw`truly|deeply)\s+(?:upset|frustrated|frustrating|annoyed|annoying|disappointed|disappointing|`,
        "angry|mad|unhappy|dissatisfied|fed up|sad|bad|poor|rude|slow|late|unhelpful|confusing|",
        String.raw`stressful|stressed)\b`,
      ].join(""),
    ),
    -2,
    NEGATABLE,
  ],
  // Naming one's own anger or frustration: one point on top of the word list's own score for it,
  // so "I am frustrated" reads as negative while "confused" alone still does not.
  [
    /\b(?:frustrat\w*|fed up|upset|annoyed|angry|furious|livid|disgusted|irritated|infuriat\w*|exasperat\w*)\b/,
    -1,
    NEGATABLE,
  ],
  // Direct judgement of the service or staff without a strong word list entry.
  [
    wordPattern([
      String.raw`unacceptable|unprofessional|unhelpful|inexcusable|incompetence|disgrace\w*|nightmare|joke`,
      "clueless|pathetic|shambles|appalling|atrocious|abysmal|dreadful|outrageous|absurd",
    ]),
    -2,
    NEGATABLE,
  ],
];
