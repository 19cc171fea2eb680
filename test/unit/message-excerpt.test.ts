import { describe, expect, it } from "vitest";
import { MESSAGE_EXCERPT_MAX_CHARS, messageExcerpt } from "../../src/ledger/message-excerpt.ts";
import { scanPersonalData } from "../../src/lib/personal-data.ts";
import { PERSONAL_DATA_CASES } from "../support/personal-data-cases.ts";

describe("messageExcerpt", () => {
  it.each([
    ["e-mail", "write to jane.doe@example.com please", "write to [email] please"],
    ["phone", "call me on +1 415 555 0100 today", "call me on [phone] today"],
    ["card", "card 4111 1111 1111 1111 was charged", "card [card] was charged"],
    ["pasted password", "password: hunter2!", "password: [secret]"],
    ["IBAN", "IBAN DE89 3704 0044 0532 0130 00 thanks", "IBAN [national_id] thanks"],
    ["order number", "Where is order #88123456?", "Where is order [number]?"],
    ["order id with letters", "order AB-55123X never came", "order [number] never came"],
    ["account number that is no card", "account 12345678901 is locked", "account [number] is locked"],
    ["tracking code", "tracking (1Z999AA10123456784) says lost", "tracking ([number]) says lost"],
    ["a link (may carry a token)", "the link https://acme.test/reset?t=abc123 failed", "the link [link] failed"],
    ["www link", "see www.acme.test/orders/991", "see [link]"],
    ["dates, times, amounts and short numbers stay", "Paid $1,299.00 on 2026-11-30 at 14:05, item 42", null],
    ["an amount without thousands separator stays", "refund 12345.50 EUR", null],
    ["whitespace collapsed", "  line one\n\n\tline   two  ", "line one line two"],
    ["empty message", " \n ", ""],
  ])("%s", (_name, input, expected) => {
    expect(messageExcerpt(input)).toBe(expected ?? input);
  });

  it("cuts a long message at the limit with an ellipsis", () => {
    const excerpt = messageExcerpt(`${"word ".repeat(200)}end`);
    expect(Array.from(excerpt)).toHaveLength(MESSAGE_EXCERPT_MAX_CHARS);
    expect(excerpt.endsWith("word…")).toBe(true);
    expect(messageExcerpt("a".repeat(MESSAGE_EXCERPT_MAX_CHARS))).toBe("a".repeat(MESSAGE_EXCERPT_MAX_CHARS));
  });

  it("masks before it cuts: an e-mail across the cut is not half kept", () => {
    // Unmasked, the address would run from character 273 across the cut at 279.
    const excerpt = messageExcerpt(`${"x ".repeat(130)}reach me at jane.doe@example.com ${"y ".repeat(50)}`);
    expect(excerpt).not.toContain("jane");
    expect(excerpt).toContain("[email]");
  });

  it("never cuts a character in two", () => {
    const excerpt = messageExcerpt("😀".repeat(400));
    expect(Array.from(excerpt)).toEqual([...Array(MESSAGE_EXCERPT_MAX_CHARS - 1).fill("😀"), "…"]);
  });

  // The table input masking and the reply validator are tested on: nothing the detector finds survives.
  it.each(PERSONAL_DATA_CASES.map((c) => [c.name, c] as const))("shared case: %s", (_name, { text }) => {
    const excerpt = messageExcerpt(text);
    for (const match of scanPersonalData(text).matches) expect(excerpt).not.toContain(match.value);
  });
});
