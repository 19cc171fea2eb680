import { describe, expect, it } from "vitest";
import { scanPersonalData } from "../../src/lib/personal-data.ts";
import { findPersonalData } from "../../src/policy/find-personal-data.ts";
import { validateReply } from "../../src/policy/validate-reply.ts";
import { PERSONAL_DATA_CASES } from "../support/personal-data-cases.ts";

const reply = (text: string) => `Thanks for writing. ${text}`;
const personalDataIssues = (text: string, ownTexts: string[]) =>
  validateReply({ reply: reply(text), kind: "answer", prohibitedPhrases: [], ownTexts }).filter((issue) =>
    /personal data/.test(issue),
  );

/**
 * The reply validator on the table input masking is tested on (mask-sensitive-input.test.ts): what
 * masking treats as a card, id, secret, e-mail or phone, the validator does too.
 */
describe("personal data: one detector for input masking and the reply validator", () => {
  it.each(PERSONAL_DATA_CASES.map((c) => [c.name, c] as const))("%s", (_name, { text, kinds }) => {
    expect(scanPersonalData(text).matches.map((m) => m.kind)).toEqual(kinds);
    if (kinds.length > 0) {
      // Someone else's data in a reply: every kind found is reported, nothing else.
      expect(findPersonalData(reply(text), []).sort()).toEqual([...new Set(kinds)].sort());
      expect(personalDataIssues(text, [])).toHaveLength(new Set(kinds).size);
    }
    // The customer's own data may be repeated, except a full card number and a secret.
    const stillBlocked = kinds.filter((kind) => kind === "card" || kind === "secret");
    expect(findPersonalData(reply(text), [text]).sort()).toEqual([...new Set(stillBlocked)].sort());
  });

  it("a long number that is no card passes only when it is the customer's own (invented account numbers)", () => {
    expect(findPersonalData(reply("ref DE00 3704 0044 0532 0130 00"), [])).toEqual(["card"]);
    expect(findPersonalData(reply("ref DE00 3704 0044 0532 0130 00"), ["my ref DE00 3704 0044 0532 0130 00"])).toEqual(
      [],
    );
  });

  it("a card hidden with zero-width characters in the model's reply is blocked", () => {
    expect(findPersonalData("Your card 4111\u200b1111\u200b1111\u200b1111 is on file.", [])).toEqual(["card"]);
  });
});
