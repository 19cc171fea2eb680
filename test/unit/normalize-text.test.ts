import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import { findProhibitedTopics, matchSensitiveTopic } from "../../src/guardrails/match-sensitive-topic.ts";
import { defaultGuardrailPolicy } from "../../src/guardrails/policy-file.ts";
import { normalizeText } from "../../src/lib/normalize-text.ts";
import { runTriage } from "../../src/triage/run-triage.ts";
import { ticketContextFixture } from "../support/anthropic-mock/model-input.ts";

const ZWSP = "\u200b";
const RLO = "\u202e";

describe("normalizeText", () => {
  it.each([
    [
      "zero-width space, joiners, word joiner, soft hyphen, BOM",
      `la${ZWSP}w\u200cy\u200de\u2060r\u00ad\ufeff`,
      "lawyer",
    ],
    [
      "bidi overrides, embeddings, isolates and marks",
      `${RLO}exe.pdf\u202c \u202a\u202b\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cok`,
      "exe.pdf ok",
    ],
    ["full-width letters and digits", "\uff48\uff55\uff4d\uff41\uff4e \uff14\uff11\uff11\uff11", "human 4111"],
    ["decimal digits of other scripts", "\u0664\u0661\u0661\u0661 \u0967\u0968 \u0e50\u0e59 \u06f5", "4111 12 09 5"],
    ["Unicode spaces become plain spaces", "a\u00a0b\u2003c\u202fd\u3000e\u1680f", "a b c d e f"],
    ["line and paragraph separators become line breaks", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"],
    [
      "hyphen look-alikes, and dashes between digits",
      "e\u2011mail 4111\u20131111 \u22125 wait\u2014what",
      "e-mail 4111-1111 -5 wait\u2014what",
    ],
    ["control characters go, tabs and line breaks stay", "a\u0000b\u0007c\td\ne", "abc\td\ne"],
    ["letters around an invisible character compose", "cafe\u200b\u0301", "caf\u00e9"],
  ])("%s", (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
    expect(normalizeText(expected)).toBe(expected);
  });
});

describe("hard triggers see through invisible characters", () => {
  const triage = (message: string) =>
    runTriage({
      message,
      customerMessages: [message],
      assistantReplies: 0,
      context: ticketContextFixture(),
      settings: defaultSettings,
      now: new Date("2026-11-23T12:00:00Z"),
    });

  it.each([
    ["lawyer", `My la${ZWSP}wyer will hear about this`, "legal"],
    ["human", `Let me talk to a hu${ZWSP}man please`, "human_requested"],
    ["kill", `I will ki${ZWSP}ll myself`, "safety"],
    ["chargeback", `I will file a charge${ZWSP}back with my bank`, "fraud"],
    ["lawyer in full-width letters", "My \uff4c\uff41\uff57\uff59\uff45\uff52 will hear about this", "legal"],
    [
      "human with a soft hyphen and a right-to-left mark",
      "Let me talk to a hu\u00adman\u200f please",
      "human_requested",
    ],
  ])("%s", (_name, message, reason) => {
    const result = triage(message);
    expect(result.reasons).toContain(reason);
    expect(result.hard).toBe(true);
  });

  it("a disputed amount in full-width digits counts", () => {
    const result = runTriage({
      message: "You charged me \uff04\uff16\uff10\uff10 twice, refund it",
      customerMessages: [],
      assistantReplies: 0,
      context: ticketContextFixture(),
      settings: { ...defaultSettings, billingDisputeThreshold: 500 },
      now: new Date("2026-11-23T12:00:00Z"),
    });
    expect(result.disputedAmount).toBe(600);
  });
});

describe("guardrail topics see through invisible characters", () => {
  it("a sensitive topic in the customer's message", () => {
    expect(
      matchSensitiveTopic(`My husband pas${ZWSP}sed away; please close his account`, defaultGuardrailPolicy)?.topic,
    ).toBe("bereavement");
  });

  it("a prohibited topic in a reply", () => {
    expect(
      findProhibitedTopics(`With team lead appro${ZWSP}val we can go to 90 days.`, defaultGuardrailPolicy),
    ).toEqual(["internal-only policy"]);
  });
});
