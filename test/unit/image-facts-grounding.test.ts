import { describe, expect, it } from "vitest";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";
import { applyPolicy } from "../../src/policy/apply-policy.ts";
import { imageFactTexts } from "../../src/policy/customer-own-texts.ts";
import { modelOutput, refundPassage, settingsWith, ticketContext } from "./policy-fixtures.ts";

/** The policy on one answer that cites the refund passage and may repeat facts read from a screenshot. */
function decide(reply: string, imageFacts: string[], imagesRead = true) {
  return applyPolicy({
    output: modelOutput({ reply, cited_source_ids: [refundPassage.id], image_facts: imageFacts }),
    passages: [refundPassage],
    context: ticketContext(),
    state: emptyTicketState(),
    settings: settingsWith(),
    customerMessage: "How long do refunds take for order 4411?",
    regenerated: false,
    imagesRead,
  });
}

const escalated = { kind: "escalate", reasons: ["no_grounding"] };

describe("facts read from the customer's screenshot: repeated back, never a source for policy", () => {
  it("an order number only the screenshot shows may be repeated to that customer", () => {
    const reply = "Thanks, I can see order A-77120 in your screenshot. Refunds go back within a 30-day window.";
    expect(decide(reply, ["Order number: A-77120"])).toMatchObject({ kind: "answer" });
  });

  it("a date read from the screenshot may be repeated too", () => {
    const reply = "Your screenshot shows the order was placed on 2026-11-03. Refunds take a 30-day window.";
    expect(decide(reply, ["Order date: 2026-11-03"])).toMatchObject({ kind: "answer" });
  });

  it("the same facts without an image sent are not grounded (the model cannot invent what it read)", () => {
    const reply = "Thanks, I can see order A-77120 in your screenshot. Refunds go back within a 30-day window.";
    expect(decide(reply, ["Order number: A-77120"], false)).toEqual(escalated);
  });

  it("a price only the screenshot states is not grounded", () => {
    const reply = "As your screenshot shows, the restocking fee is $40.";
    expect(decide(reply, ["Restocking fee: $40"])).toEqual(escalated);
  });

  it("a refund window only the screenshot states is not grounded", () => {
    const reply = "As your screenshot shows, you can return it within 60 days.";
    expect(decide(reply, ["Refund policy: returns accepted within 60 days"])).toEqual(escalated);
  });

  it("a discount percentage only the screenshot states is not grounded", () => {
    const reply = "Your screenshot shows a 15% discount, which we will honour.";
    expect(decide(reply, ["Coupon: 15% off everything"])).toEqual(escalated);
  });
});

describe("imageFactTexts", () => {
  it.each([
    ["Refund window: 60 days", "Refund window:"],
    ["Returns within 30-day period, order 881", "Returns within period, order 881"],
    ["Entrega en 10 días hábiles", "Entrega en hábiles"],
    ["Rückgabe innerhalb von 14 Tagen", "Rückgabe innerhalb von"],
    ["Order number: A-10442", "Order number: A-10442"],
  ])("%s → %s", (fact, text) => {
    expect(imageFactTexts([fact])).toEqual([text]);
  });
});
