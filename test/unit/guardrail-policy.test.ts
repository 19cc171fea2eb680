import { describe, expect, it } from "vitest";
import defaultPolicyJson from "../../src/guardrails/default-policy.json" with { type: "json" };
import { findProhibitedTopics, matchSensitiveTopic } from "../../src/guardrails/match-sensitive-topic.ts";
import { createGuardrailPolicyResolver } from "../../src/guardrails/guardrail-policy-resolver.ts";
import { defaultGuardrailPolicy, loadPolicy } from "../../src/guardrails/policy-file.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { validateReply } from "../../src/policy/validate-reply.ts";

describe("loadPolicy", () => {
  it("the bundled default loads without problems", () => {
    expect(loadPolicy(defaultPolicyJson, undefined)).toEqual({ policy: defaultGuardrailPolicy, problems: [] });
  });

  it("a workspace override replaces whole sections and keeps the rest", () => {
    const { policy, problems } = loadPolicy(defaultPolicyJson, { prohibitedPhrases: ["free forever"] });
    expect(problems).toEqual([]);
    expect(policy.prohibitedPhrases).toEqual(["free forever"]);
    expect(policy.sensitiveTopics).toEqual(defaultGuardrailPolicy.sensitiveTopics);
  });

  it("a bad override keeps the last good policy and lists every problem", () => {
    const lastGood = loadPolicy(defaultPolicyJson, { prohibitedPhrases: ["free forever"] }).policy;
    const { policy, problems } = loadPolicy(
      defaultPolicyJson,
      {
        sensitiveTopics: [{ topic: "x", patterns: ["(unclosed"], action: "refuse" }],
        pii: { mask: ["card", "dna"] },
        surprise: true,
      },
      lastGood,
    );
    expect(policy).toBe(lastGood);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^policy override: sensitiveTopics\.0\.patterns\.0: not a valid regular expression/),
        expect.stringMatching(/^policy override: sensitiveTopics\.0\.message/),
        expect.stringMatching(/^policy override: pii\.mask\.1/),
        expect.stringMatching(/^policy override: \(root\).*surprise/),
      ]),
    );
  });

  it("without a last good policy, a bad override falls back to the default", () => {
    const { policy, problems } = loadPolicy(defaultPolicyJson, "not json object");
    expect(policy).toEqual(defaultGuardrailPolicy);
    expect(problems).toEqual(["policy override: must be a JSON object"]);
  });

  it("a broken default keeps the last good policy too", () => {
    const { policy, problems } = loadPolicy({ version: 2 }, undefined, defaultGuardrailPolicy);
    expect(policy).toBe(defaultGuardrailPolicy);
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe("matchSensitiveTopic", () => {
  it.each([
    ["My husband passed away; please close his account", "bereavement", "escalate"],
    ["Which dosage of ibuprofen should I take?", "medical_advice", "refuse"],
    ["Where is my invoice?", null, null],
  ])("%s -> %s", (text, topic, action) => {
    const match = matchSensitiveTopic(text, defaultGuardrailPolicy);
    expect(match?.topic ?? null).toBe(topic);
    expect(match?.action ?? null).toBe(action);
  });
});

describe("output validator with the policy file", () => {
  const base = { kind: "answer" as const, prohibitedPhrases: ["cheap"], ownTexts: [] };
  it.each([
    ["a policy phrase", "This is a guaranteed refund.", /prohibited phrase or topic "guaranteed refund"/],
    ["a settings phrase still works", "It is cheap.", /prohibited phrase or topic "cheap"/],
    [
      "a phrase split by an invisible character",
      "This is a guaran\u200Bteed refund.",
      /prohibited phrase or topic "guaranteed refund"/,
    ],
    ["a phrase in full-width letters", "It is \uFF43\uFF48\uFF45\uFF41\uFF50.", /prohibited phrase or topic "cheap"/],
    [
      "a prohibited topic (internal policy)",
      "With team lead approval we can go to 90 days.",
      /prohibited topic "internal-only policy"/,
    ],
  ])("%s", (_name, reply, issue) => {
    expect(validateReply({ ...base, reply, guardrails: defaultGuardrailPolicy }).join(" ")).toMatch(issue);
  });

  it("a clean reply passes", () => {
    expect(findProhibitedTopics("Refunds take 5-7 business days.", defaultGuardrailPolicy)).toEqual([]);
    expect(
      validateReply({ ...base, reply: "Refunds take 5-7 business days.", guardrails: defaultGuardrailPolicy }),
    ).toEqual([]);
  });
});

describe("createGuardrailPolicyResolver", () => {
  it("keeps each workspace's last good policy and logs why an override was rejected", () => {
    const { logger, lines } = createMemoryLogger();
    const resolve = createGuardrailPolicyResolver(logger);
    const good = resolve("acme", { prohibitedPhrases: ["free forever"] });
    expect(good.prohibitedPhrases).toEqual(["free forever"]);
    expect(resolve("acme", { prohibitedPhrases: "free forever" })).toBe(good);
    expect(resolve("globex", { prohibitedPhrases: 42 })).toEqual(defaultGuardrailPolicy);
    expect(lines.filter((l) => l.level === "warn")).toEqual([
      expect.objectContaining({
        msg: "guardrail policy rejected: keeping the last good policy",
        workspace: "acme",
        problems: [expect.stringMatching(/prohibitedPhrases/)],
      }),
      expect.objectContaining({ workspace: "globex" }),
    ]);
  });
});
