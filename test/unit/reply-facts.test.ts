import { describe, expect, it } from "vitest";
import { parseAmount, replyFacts } from "../../src/rollout/reply-facts.ts";

const keys = (text: string, kind: string) =>
  replyFacts(text)
    .filter((f) => f.kind === kind)
    .map((f) => f.keys.join("|"));

describe("replyFacts: the facts a reply states, as the supported languages write them", () => {
  it.each([
    ["The Pro plan costs $29.90 per month.", ["USD:29.9"]],
    ["Der Pro-Tarif kostet 1.299,00 € im Jahr.", ["EUR:1299"]],
    ["Le forfait Pro coûte 1 299,00 € par an.", ["EUR:1299"]],
    ["El plan Pro cuesta 29,90 € al mes.", ["EUR:29.9"]],
    ["O plano Pro custa R$ 149,90 por mês.", ["BRL:149.9"]],
    ["Il piano costa EUR 29,90 al mese.", ["EUR:29.9"]],
    ["A refund of USD 1,299.00 was issued.", ["USD:1299"]],
  ])("money in %s", (text, expected) => {
    expect(keys(text, "money")).toEqual(expected);
  });

  it.each([
    ["Your order ships on December 24, 2026.", ["2026-12-24"]],
    ["Ihre Bestellung wird am 24.12.2026 versendet.", ["2026-12-24"]],
    ["Ihre Bestellung kommt am 24. Dezember an.", ["*-12-24"]],
    ["Su pedido llegará el 24 de diciembre de 2026.", ["2026-12-24"]],
    ["Votre colis arrivera le 24 décembre 2026.", ["2026-12-24"]],
    ["A encomenda chega a 24 de dezembro.", ["*-12-24"]],
    ["Il pacco arriverà il 24 dicembre 2026.", ["2026-12-24"]],
    ["Renewal date: 2026-03-04.", ["2026-3-4"]],
    // A slash date is read both ways: 03/04 is 3 April in Europe and March 4 in the US.
    ["Renewal on 03/04/2026.", ["2026-4-3|2026-3-4"]],
  ])("dates in %s", (text, expected) => {
    expect(keys(text, "date").map((k) => k.replace(/-0?(\d)/g, "-$1"))).toEqual(expected);
  });

  it("links: help-center articles by id whatever the locale and slug, other links by host and path", () => {
    const facts = replyFacts(
      "See https://acme.zendesk.com/hc/de/articles/360001234-Rueckgabe and https://status.acme.com/incidents/",
    );
    expect(facts).toEqual([
      { kind: "article", keys: ["article:360001234"] },
      { kind: "url", keys: ["status.acme.com/incidents"] },
    ]);
    expect(replyFacts("https://acme.zendesk.com/hc/en-us/articles/360001234-Returns")).toEqual([
      { kind: "article", keys: ["article:360001234"] },
    ]);
  });

  it("times, percentages and plain numbers; list markers, masked values and 24/7 are no facts", () => {
    const text = "1. Open Settings\nWe are open 24/7, reply by 5:30 pm, 10% off, refunds within 14 days. Mail [email].";
    expect(replyFacts(text)).toEqual([
      { kind: "time", keys: ["17:30"] },
      { kind: "number", keys: ["10%"] },
      { kind: "number", keys: ["14"] },
    ]);
    expect(keys("Wir melden uns bis 17:00 Uhr.", "time")).toEqual(["17:00"]);
  });

  it("a value stated twice is one fact", () => {
    expect(keys("It is €10. Yes, €10.", "money")).toEqual(["EUR:10"]);
  });

  it.each([
    ["1,299.00", 1299],
    ["1.299,00", 1299],
    ["1 299,50", 1299.5],
    ["29,90", 29.9],
    ["29.9", 29.9],
    ["1,299", 1299],
    ["1'299.00", 1299],
  ])("parseAmount(%s) = %d", (token, value) => {
    expect(parseAmount(token)).toBe(value);
  });
});
