import { describe, expect, it } from "vitest";
import { maskSensitiveInput } from "../../src/guardrails/mask-sensitive-input.ts";
import { PERSONAL_DATA_CASES } from "../support/personal-data-cases.ts";

describe("maskSensitiveInput", () => {
  it.each([
    ["card with spaces", "My card is 4111 1111 1111 1111, please check", "My card is [card ending 1111], please check"],
    ["card with dashes", "card 5500-0000-0000-0004 was charged", "card [card ending 0004] was charged"],
    ["card without separators (Amex, 15 digits)", "378282246310005", "[card ending 0005]"],
    ["Luhn-invalid 16 digits stay (tracking numbers)", "tracking 1234567812345678", "tracking 1234567812345678"],
    ["short numbers stay", "order 12345 for $49.99 on 2024-05-01", "order 12345 for $49.99 on 2024-05-01"],
    ["phone numbers stay", "call me at +1 555 123 4567", "call me at +1 555 123 4567"],
    ["US SSN", "my SSN is 078-05-1120", "my SSN is [national id removed]"],
    ["US SSN without dashes, labelled", "ssn: 078051120", "[national id removed]"],
    ["UK NI number", "NI number AB 12 34 56 C", "NI number [national id removed]"],
    ["IBAN (valid checksum)", "IBAN DE89 3704 0044 0532 0130 00 thanks", "IBAN [national id removed] thanks"],
    ["IBAN-like with bad checksum stays", "ref DE00 3704 0044 0532 0130 00", "ref DE00 3704 0044 0532 0130 00"],
    ["password with colon", "password: hunter2", "password: [secret removed]"],
    ["password with 'is' and a secret-looking value", "my password is hunter2!", "my password is [secret removed]"],
    ["'password is not working' stays readable", "my password is not working", "my password is not working"],
    ["api key", "api key = abcd1234efgh", "api key = [secret removed]"],
    ["sk- key", "here: sk-ant-api03-AbCdEfGhIjKlMnOpQrSt", "here: [secret removed]"],
    ["GitHub token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[secret removed]"],
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE", "[secret removed]"],
    ["bearer token", "Authorization: Bearer abcdefghijklmnop1234", "Authorization: [secret removed]"],
  ])("%s", (_name, input, expected) => {
    expect(maskSensitiveInput(input)).toBe(expected);
  });

  // The table the reply validator is tested on too (find-personal-data.test.ts).
  it.each(PERSONAL_DATA_CASES.map((c) => [c.name, c] as const))("shared case: %s", (_name, { text, masked }) => {
    expect(maskSensitiveInput(text)).toBe(masked);
  });

  it("masks only the kinds asked for", () => {
    const text = "card 4111 1111 1111 1111, password: hunter2";
    expect(maskSensitiveInput(text, ["secret"])).toBe("card 4111 1111 1111 1111, password: [secret removed]");
    expect(maskSensitiveInput(text, ["card"])).toBe("card [card ending 1111], password: hunter2");
    expect(maskSensitiveInput(text, [])).toBe(text);
    // A kind left out does not claim the text another kind finds.
    expect(maskSensitiveInput("password: 4111 1111 1111 1111", ["card"])).toBe("password: [card ending 1111]");
  });

  it("is idempotent (masked text masks to itself)", () => {
    const once = maskSensitiveInput("4111-1111-1111-1111 and password: x and 078-05-1120");
    expect(maskSensitiveInput(once)).toBe(once);
  });

  it("a list of prices is not a card, even when its digits pass Luhn", () => {
    // 1250139914251500 passes Luhn; mixed separators between short groups are no card number.
    expect(maskSensitiveInput("prices 12.50 13.99 14.25 15.00 today")).toBe("prices 12.50 13.99 14.25 15.00 today");
  });
});
