import { describe, expect, it } from "vitest";
import type { Model } from "../../src/ports/model.ts";
import type { Passage } from "../../src/ports/knowledge.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import { gatePlan } from "../../src/pipeline/gate-plan.ts";
import { escapeMarkup } from "../../src/policy/escape-markup.ts";
import { findLinks } from "../../src/policy/find-links.ts";
import { modelOutput, refundPassage, settingsWith, decisionInput } from "./policy-fixtures.ts";

/** What a reader sees once Markdown or HTML has decoded the character references. */
const rendered = (text: string) => text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

/** Links a renderer would follow: with a scheme, www. or protocol-relative, also after decoding. */
const webLinks = (text: string) =>
  findLinks(text).filter((link) => /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|\/\/)/i.test(link));

const HOSTILE = [
  "[click](https://evil.example)",
  "<img src=x onerror=alert(1)>",
  "![](https://evil.example/pixel.png)",
  "# Urgent\n> www.evil.example",
  "<https://evil.example>",
];

describe("escapeMarkup: customer-controlled text is data in a public reply", () => {
  it.each(HOSTILE)("%j opens no markup and no autolink, and reads the same", (text) => {
    const escaped = escapeMarkup(text);
    expect(escaped.replace(/&#\d+;/g, " ")).not.toMatch(/[[\]<>#]|:\/\/|www\./);
    expect(webLinks(escaped)).toEqual([]);
    // The reader sees the same text, with any URL defanged.
    expect(rendered(escaped)).toBe(text.replace(/\n/g, " ").replace(/:\/\//g, "[:]//").replace(/www\./g, "www[.]"));
  });

  it("leaves ordinary names and titles as they are", () => {
    for (const text of ["Dana Reyes", "Returns & refunds (EU)", "O'Brien-Smith, 50% off: 3 steps"])
      expect(escapeMarkup(text)).toBe(text);
  });
});

describe("decision engine: a source title in the public answer is escaped", () => {
  it("a title carrying Markdown and HTML goes out as text, and the only link is the article's own", async () => {
    const passage: Passage = {
      ...refundPassage,
      title: "[click](https://evil.example) <img src=x>",
      updatedAt: "2026-11-01T00:00:00Z",
    };
    const model: Model = { propose: async () => ({ ok: true, output: modelOutput() }) };
    const decide = createEngineDecider({
      model,
      knowledge: { search: async () => [passage] },
      logger: createMemoryLogger().logger,
      now: () => new Date("2026-11-23T12:00:00Z"),
    });
    const settings = settingsWith({ mode: "autosend" });
    const message = "How long do refunds take for order 4411?";
    const input: DecisionInput = decisionInput(message, settings);
    const plan = await decide(input);
    const body = gatePlan({ plan, settings, ticketId: "101", humanOwned: false }).publicReply?.body ?? "";
    expect(body).toContain(refundPassage.url);
    expect(body.replace(/&#\d+;/g, "")).not.toMatch(/[[\]<>]/);
    expect(body).not.toContain("https://evil.example");
    expect(webLinks(body)).toEqual([refundPassage.url]);
    expect(rendered(body)).toContain("[click](https[:]//evil.example) <img src=x>: ");
  });
});
