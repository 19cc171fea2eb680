import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/actions/load-catalog.ts";
import defaultCatalog from "../../src/actions/default-catalog.json" with { type: "json" };
import { checkRegexPattern, MAX_PATTERN_CHARS } from "../../src/lib/check-regex-pattern.ts";
import defaultPolicy from "../../src/guardrails/default-policy.json" with { type: "json" };

const NESTED = /^a repetition inside a repeated group/;
const ALTERNATIVES = /^alternatives inside a repetition/;
const ADJACENT = /^two unbounded repetitions in a row/;

describe("checkRegexPattern", () => {
  it.each([
    ["^(a+)+$", NESTED],
    ["(a*)*b", /^a repeated group that can match nothing/],
    ["(.*a){12}", NESTED],
    ["(\\w+\\s?)+$", NESTED],
    ["^(?:[a-z]+,?)*$", NESTED],
    ["(?:a?){25}a{25}", /^a repeated group that can match nothing/],
    ["(a|a)*", ALTERNATIVES],
    ["^(a|ab)+c$", ALTERNATIVES],
    ["(?:\\d|[0-9a-f])+x", ALTERNATIVES],
    ["(?:A|a)+!", ALTERNATIVES], // case-insensitive: A and a are the same character
    ["\\d+\\d*x", ADJACENT],
    [".*.*=", ADJACENT],
    ["(unclosed", /^not a valid regular expression/],
    ["", /^empty pattern/],
    ["x".repeat(MAX_PATTERN_CHARS + 1), new RegExp(`longer than ${MAX_PATTERN_CHARS} characters`)],
  ])("refuses %s", (pattern, reason) => {
    expect(checkRegexPattern(pattern)).toMatch(reason);
  });

  it("names where the inner repetition starts", () => {
    expect(checkRegexPattern("\\border (\\d+-?)+$")).toContain("(at character 10)");
  });

  it.each([
    "\\bcompared to (?:competitor|other vendors?)\\b",
    "\\b(?:cat|dog)+s\\b",
    "^[A-Z]{2}-\\d+$",
    "\\p{Lu}\\p{Ll}+ \\d{1,4}",
    "(?<=order )#?\\d{4,10}",
    "\\bfoo.*bar\\b",
    "(?:ab){2}",
    "x.{0,20}y",
    "(?:\\s?\\w)+",
    "(?:\\d{3}-)?\\d{4}",
  ])("accepts %s", (pattern) => {
    expect(checkRegexPattern(pattern)).toBeNull();
  });

  it("accepts every pattern the project ships", () => {
    const shipped = [
      ...defaultPolicy.prohibitedTopics.flatMap((topic) => topic.patterns),
      ...defaultPolicy.sensitiveTopics.flatMap((topic) => topic.patterns),
    ];
    for (const pattern of shipped) expect(checkRegexPattern(pattern), pattern).toBeNull();
    const parameterPatterns = defaultCatalog.actions.flatMap((action) =>
      Object.values(action.parameters.properties).flatMap((property) =>
        "pattern" in property ? [String(property.pattern)] : [],
      ),
    );
    expect(parameterPatterns.length).toBeGreaterThan(0);
    for (const pattern of parameterPatterns) expect(checkRegexPattern(pattern, "u"), pattern).toBeNull();
  });
});

describe("catalog parameter patterns", () => {
  it("an override whose parameter pattern backtracks catastrophically is refused, naming the path", () => {
    const orderStatus = defaultCatalog.actions[0]!;
    const result = loadCatalog({
      override: {
        actions: [
          {
            ...orderStatus,
            parameters: {
              ...orderStatus.parameters,
              properties: { order_id: { type: "string", pattern: "([A-Z0-9]+-?)+" } },
            },
          },
        ],
      },
    });
    expect(result.catalog.version).toBe(defaultCatalog.version);
    expect(result.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          String.raw`^override\.actions\.order_status\.parameters\.properties\.order_id\.pattern: ` +
            "a repetition inside a repeated group",
        ),
      ),
    ]);
  });
});
