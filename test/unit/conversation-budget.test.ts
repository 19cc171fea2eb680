import { describe, expect, it } from "vitest";
import { buildPrompt, type Prompt } from "../../src/agent/build-prompt.ts";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { ModelInput } from "../../src/ports/model.ts";
import { modelInputFixture } from "../support/anthropic-mock/model-input.ts";

const MESSAGE = "So where is my parcel now?";

/** `count` turns alternating customer / Deskmate, each `chars` long and named by its index, then the message. */
function conversation(count: number, chars: number): ModelInput["conversation"] {
  const turns = Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? ("customer" as const) : ("assistant" as const),
    text: `turn-${i} `.padEnd(chars, "x"),
    at: `2026-11-20T10:${String(i).padStart(2, "0")}:00Z`,
  }));
  return [...turns, { role: "customer", text: MESSAGE, at: "2026-11-20T11:00:00Z" }];
}

function conversationSection(prompt: Prompt): string {
  const text = prompt.messages.map((m) => m.content).join("\n");
  return text.slice(text.indexOf("<conversation>"), text.indexOf("</conversation>"));
}

const turnTexts = (section: string) => [...section.matchAll(/<turn [^>]*>\n([^<]*)\n<\/turn>/g)].map((m) => m[1] ?? "");

describe("buildPrompt: older turns kept short", () => {
  it("keeps the last recent_turns turns in full and fits older ones into the token budget", () => {
    const input = modelInputFixture({ conversation: conversation(30, 1000), message: MESSAGE });
    const section = conversationSection(
      buildPrompt(input, { ...defaultSettings, recentTurns: 6, olderTurnsBudget: 200 }),
    );
    const texts = turnTexts(section);
    // The six recent turns, whole and in order.
    expect(texts.slice(-6)).toEqual(
      conversation(30, 1000)
        .slice(24, 30)
        .map((t) => t.text),
    );
    const older = texts.slice(0, -6);
    expect(older.length).toBeGreaterThan(0);
    // The budget: 200 tokens at 4 characters each, over the older turns' text.
    expect(older.join("").length).toBeLessThanOrEqual(200 * 4);
    for (const text of older) expect(text).toMatch(/ \[truncated\]$/);
    // Newest older turns are the ones kept; the oldest are left out and counted.
    expect(older.at(-1)).toMatch(/^turn-23 /);
    expect(section).toContain(`(${24 - older.length} earlier messages omitted)`);
    expect(section).not.toContain("turn-0 ");
  });

  it("a long ticket's prompt stops growing with its length (defaults: 6 turns, 400 tokens)", () => {
    const size = (turns: number) =>
      JSON.stringify(buildPrompt(modelInputFixture({ conversation: conversation(turns, 1500) }), defaultSettings))
        .length;
    // Only the omitted count and the kept turns' names differ between 60 and 120 turns.
    expect(Math.abs(size(120) - size(60))).toBeLessThan(50);
    // 6 recent turns of 1,500 characters plus at most 1,600 characters of older text and the turn tags.
    expect(size(120)).toBeLessThan(size(6) + 1600 + 30 * 60);
  });

  it("a budget of 0 leaves every older turn out; a short ticket is shown whole", () => {
    const zero = conversationSection(
      buildPrompt(modelInputFixture({ conversation: conversation(10, 100), message: MESSAGE }), {
        ...defaultSettings,
        recentTurns: 4,
        olderTurnsBudget: 0,
      }),
    );
    expect(turnTexts(zero)).toHaveLength(4);
    expect(zero).toContain("(6 earlier messages omitted)");
    const short = conversationSection(
      buildPrompt(modelInputFixture({ conversation: conversation(4, 100), message: MESSAGE }), defaultSettings),
    );
    expect(turnTexts(short)).toEqual(
      conversation(4, 100)
        .slice(0, 4)
        .map((t) => t.text),
    );
    expect(short).not.toContain("omitted");
  });
});
