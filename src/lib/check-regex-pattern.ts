import regjsparser, { type AstNode, type RootNode } from "regjsparser";

// A CommonJS module: Node's ESM loader exposes it as the default export only.
const { parse } = regjsparser;

/**
 * Admin-supplied regular expressions (guardrail topic patterns, catalog parameter patterns) run on
 * customer-controlled text in the Worker's own backtracking engine, so a pattern such as `^(a+)+$`
 * would let one crafted message burn the request's CPU budget. Patterns are refused up front when
 * they have a shape known to backtrack catastrophically:
 *
 * - a repetition inside a repetition (`(a+)+`, `(.*a){12}`, `(\w+\s?)*`): exponential or high-degree
 *   polynomial;
 * - a repeated group that can match nothing (`(?:a?){20}`): ambiguous at every iteration;
 * - alternatives that can start with the same character inside a repetition (`(a|a)*`, `(a|ab)+`);
 * - two unbounded repetitions in a row over the same characters (`\d+\d*`, `.*.*`): quadratic.
 *
 * The rules are the star-height and ambiguity checks of the ReDoS literature, kept strict on purpose:
 * a pattern they refuse can always be rewritten (repeat the inner part only, make the alternatives
 * start differently). Spread-out polynomial shapes like `a.*b.*c` are accepted; the length limit
 * bounds their degree.
 */

export const MAX_PATTERN_CHARS = 200;

const FEATURES = { lookbehind: true, namedGroups: true, unicodePropertyEscape: true } as const;
type Node = AstNode<typeof FEATURES>;

/**
 * Verdicts by flags and source: settings are re-validated on every load (about once a minute per
 * isolate) and the same patterns come back each time. Bounded so a stream of distinct patterns
 * cannot grow it without limit.
 */
const verdicts = new Map<string, string | null>();
const MAX_VERDICTS = 1_000;

/** What is wrong with `source` as an admin pattern (one sentence with the fix), or null when it is safe. */
export function checkRegexPattern(source: string, flags = "iu"): string | null {
  if (source.length > MAX_PATTERN_CHARS) {
    return `pattern is longer than ${MAX_PATTERN_CHARS} characters; split it into several shorter patterns`;
  }
  const key = `${flags}/${source}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = judge(source, flags);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

function judge(source: string, flags: string): string | null {
  if (source.length === 0) return "empty pattern; write the text to match";
  try {
    new RegExp(source, flags);
  } catch {
    return "not a valid regular expression (JavaScript syntax, compiled with the u flag)";
  }
  let root: RootNode<typeof FEATURES>;
  try {
    root = parse(source, flags.includes("u") ? "u" : "", FEATURES);
  } catch {
    return "uses regular-expression syntax the safety check cannot read; simplify the pattern";
  }
  return findRisk(root, { insideRepetition: false, flags });
}

const FIX_NESTED =
  "a repetition inside a repeated group can take exponential time on " +
  "some messages; repeat only the inner part (e.g. a+ instead of (a+)+)";
const FIX_EMPTY =
  "a repeated group that can match nothing (e.g. (?:a?){20}) is ambiguous and can backtrack heavily; make the group " +
  "match at least one character";
const FIX_ALTERNATIVES =
  "alternatives inside a repetition that can match the same text can take exponential time; make each alternative " +
  "start differently (e.g. (?:ab|c)+)";
const FIX_ADJACENT =
  "two unbounded repetitions in a row over the same characters take quadratic time; merge them into one " +
  "(e.g. \\d+ instead of \\d+\\d*)";

/**
 * `insideRepetition`: some enclosing node repeats, so a nested repetition or overlapping alternatives
 * can backtrack.
 */
interface Walk {
  insideRepetition: boolean;
  flags: string;
}

function findRisk(node: Node, walk: Walk): string | null {
  const { insideRepetition, flags } = walk;
  switch (node.type) {
    case "quantifier": {
      const repeats = node.max === undefined || node.max > 1;
      if (repeats && insideRepetition) return `${FIX_NESTED} (at character ${node.range[0] + 1})`;
      if (repeats && canBeEmpty(node.body[0])) return `${FIX_EMPTY} (at character ${node.range[0] + 1})`;
      return findRisk(node.body[0], { insideRepetition: insideRepetition || repeats, flags });
    }
    case "disjunction": {
      if (insideRepetition && alternativesOverlap(node.body, flags)) {
        return `${FIX_ALTERNATIVES} (at character ${node.range[0] + 1})`;
      }
      return firstRisk(node.body, walk);
    }
    case "alternative":
      return adjacentRisk(node.body, flags) ?? firstRisk(node.body, walk);
    case "group":
      return adjacentRisk(node.body, flags) ?? firstRisk(node.body, walk);
    default:
      return null;
  }
}

function firstRisk(nodes: readonly Node[], walk: Walk): string | null {
  for (const child of nodes) {
    const risk = findRisk(child, walk);
    if (risk) return risk;
  }
  return null;
}

function adjacentRisk(sequence: readonly Node[], flags: string): string | null {
  let previous: Node | null = null;
  for (const node of sequence) {
    if (isZeroWidth(node)) continue;
    const unbounded = node.type === "quantifier" && node.max === undefined;
    if (unbounded && previous && overlap(firstChars(previous, flags), firstChars(node, flags))) {
      return `${FIX_ADJACENT} (at character ${node.range[0] + 1})`;
    }
    previous = unbounded ? node : null;
  }
  return null;
}

function alternativesOverlap(alternatives: readonly Node[], flags: string): boolean {
  const sets = alternatives.map((alternative) => firstChars(alternative, flags));
  return sets.some((set, i) => sets.slice(i + 1).some((other) => overlap(set, other)));
}

/** The characters a node can start with: single-character matchers, or "any" when unknown (back-references). */
type FirstChars = RegExp[] | "any";

function firstChars(node: Node, flags: string): FirstChars {
  switch (node.type) {
    case "value":
    case "characterClass":
    case "characterClassEscape":
    case "unicodePropertyEscape":
    case "dot":
      return [new RegExp(`^(?:${node.raw})$`, flags.replace(/[gy]/g, ""))];
    case "reference":
      return "any";
    case "quantifier":
      return firstChars(node.body[0], flags);
    case "disjunction":
      return union(node.body.map((alternative) => firstChars(alternative, flags)));
    case "alternative":
    case "group":
      return sequenceFirstChars(node.type === "group" && isLookaround(node) ? [] : node.body, flags);
    default:
      return [];
  }
}

function sequenceFirstChars(sequence: readonly Node[], flags: string): FirstChars {
  const sets: FirstChars[] = [];
  for (const node of sequence) {
    if (isZeroWidth(node)) continue;
    sets.push(firstChars(node, flags));
    if (!canBeEmpty(node)) break;
  }
  return union(sets);
}

function canBeEmpty(node: Node): boolean {
  switch (node.type) {
    case "quantifier":
      return node.min === 0 || canBeEmpty(node.body[0]);
    case "disjunction":
      return node.body.some(canBeEmpty);
    case "alternative":
    case "group":
      return isZeroWidth(node) || node.body.every(canBeEmpty);
    case "anchor":
      return true;
    default:
      return false;
  }
}

function isZeroWidth(node: Node): boolean {
  return node.type === "anchor" || (node.type === "group" && isLookaround(node));
}

function isLookaround(node: Extract<Node, { type: "group" }>): boolean {
  return node.behavior !== "normal" && node.behavior !== "ignore";
}

function union(sets: FirstChars[]): FirstChars {
  return sets.includes("any") ? "any" : (sets.flat() as RegExp[]);
}

/**
 * Whether two first-character sets share a character, tested on a sample of code points (ASCII,
 * Latin, Greek, Cyrillic, CJK and kana samples, common punctuation): enough for the classes admins
 * write, and cheap (a few thousand tests per pattern).
 */
function overlap(a: FirstChars, b: FirstChars): boolean {
  if (a === "any") return b === "any" || b.length > 0;
  if (b === "any") return a.length > 0;
  for (const char of SAMPLE) {
    if (a.some((re) => re.test(char)) && b.some((re) => re.test(char))) return true;
  }
  return false;
}

const SAMPLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x24f],
  [0x370, 0x52f],
  [0x2000, 0x206f],
  [0x3040, 0x30ff],
  [0x4e00, 0x4e3f],
  [0xff00, 0xff5e],
];
const SAMPLE: readonly string[] = SAMPLE_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)),
);
