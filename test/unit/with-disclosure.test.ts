import { describe, expect, it } from "vitest";
import { DEFAULT_DISCLOSURE_TEXT } from "../../src/config/settings-schema.ts";
import { withDisclosure } from "../../src/policy/with-disclosure.ts";

const reply = "Refunds arrive within 30 days.";

describe("withDisclosure", () => {
  it.each([
    {
      rule: "first public reply gets the disclosure first",
      aiTurns: 0,
      text: DEFAULT_DISCLOSURE_TEXT,
      expected: `${DEFAULT_DISCLOSURE_TEXT}\n\n${reply}`,
    },
    { rule: "later replies go out unchanged", aiTurns: 1, text: DEFAULT_DISCLOSURE_TEXT, expected: reply },
    {
      rule: "the admin's own disclosure text is used",
      aiTurns: 0,
      text: "You're chatting with our AI helper.",
      expected: `You're chatting with our AI helper.\n\n${reply}`,
    },
    {
      rule: "a reply that already carries the disclosure is not doubled",
      aiTurns: 0,
      text: "AI here.",
      reply: "AI here.\n\nHello",
      expected: "AI here.\n\nHello",
    },
  ])("$rule", ({ aiTurns, text, expected, ...row }) => {
    expect(withDisclosure(row.reply ?? reply, { aiTurns }, { disclosureText: text })).toBe(expected);
  });
});
