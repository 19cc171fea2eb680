import { describe, expect, it } from "vitest";
import { findPromises } from "../../src/policy/find-promises.ts";
import { findUngroundedClaims } from "../../src/policy/find-ungrounded-claims.ts";
import { groundingCorpus } from "../../src/policy/grounding-corpus.ts";
import { validateReply } from "../../src/policy/validate-reply.ts";

/** An English help-center passage: what the replies below may state, whatever language they are in. */
const PASSAGE =
  "The Pro plan costs €1,299.00 per year. Refunds are issued within 14 days. The winter offer ends on " +
  "December 15, 2026 and gives 20% off. Phone support opens at 9:00.";
/** The same facts in a Spanish article, written with Spanish number formats. */
const SPANISH_PASSAGE =
  "El plan Pro cuesta 1.299,00 € al año. La oferta de invierno termina el 15 de diciembre de 2026.";

const ungrounded = (reply: string, passage = PASSAGE) =>
  findUngroundedClaims(reply, groundingCorpus([passage])).map((claim) => claim.text.trim());
const promises = (reply: string) =>
  validateReply({ reply, kind: "answer", prohibitedPhrases: [], ownTexts: [] }).filter((issue) =>
    issue.startsWith("Remove the promise"),
  );

const CASES = [
  {
    language: "en",
    grounded: "The Pro plan costs €1,299.00 per year, and the offer ending December 15, 2026 gives 20% off.",
    wrong: ["The Pro plan costs €1,199.00 per year.", "€1,199.00"],
    promise: ["We guarantee a full refund.", "We guarantee"],
  },
  {
    language: "es",
    grounded:
      "El plan Pro cuesta 1.299,00 € al año; la oferta termina el 15 de diciembre de 2026 con un 20 % de descuento.",
    wrong: ["El plan Pro cuesta 1.199,00 € al año.", "1.199,00 €"],
    promise: ["Le garantizamos un reembolso completo.", "Le garantizamos"],
  },
  {
    language: "fr",
    grounded:
      "Le forfait Pro coûte 1 299,00 € par an ; l'offre se termine le 15 décembre 2026 et le support ouvre à 9h00.",
    wrong: ["Le support téléphonique ouvre à 8h00.", "8h00"],
    promise: ["Nous vous recontacterons dès demain.", "Nous vous recontacterons"],
  },
  {
    language: "de",
    grounded: "Der Pro-Tarif kostet 1.299 € im Jahr, das Angebot endet am 15. Dezember 2026 (20 Prozent Rabatt).",
    wrong: ["Der Pro-Tarif kostet 1.199 € im Jahr.", "1.199 €"],
    promise: ["Wir erstatten Ihnen den vollen Betrag.", "Wir erstatten Ihnen"],
  },
  {
    language: "pt",
    grounded: "O plano Pro custa € 1.299,00 por ano e a oferta termina em 15 de dezembro de 2026.",
    wrong: ["A oferta termina em 20 de dezembro de 2026.", "20 de dezembro de 2026"],
    promise: ["Vamos entrar em contato com você amanhã.", "Vamos entrar em contato"],
  },
] as const;

describe.each(CASES)("reply checks in $language", ({ grounded, wrong, promise }) => {
  it("a reply stating only what the passage says passes, in the language's own formats", () => {
    expect(ungrounded(grounded)).toEqual([]);
  });

  it("a number, price, time or date the passage does not state is caught", () => {
    expect(ungrounded(wrong[0])).toEqual([wrong[1]]);
  });

  it("a promise of later work or a pledged refund is caught", () => {
    expect(promises(promise[0])).toEqual([expect.stringContaining(`"${promise[1]}"`)]);
    expect(findPromises(grounded)).toEqual([]);
  });
});

describe("number formats", () => {
  it("a German reply's 1.299 € is a thousand and more; an English reply's 1.299 is not", () => {
    expect(ungrounded("Der Tarif kostet 1.299 € im Jahr.")).toEqual([]);
    expect(ungrounded("The plan costs €1.299 per year.")).toEqual(["€1.299"]);
  });

  it("an English reply is grounded by a Spanish article written 1.299,00 €", () => {
    expect(ungrounded("The Pro plan costs €1,299.00 per year.", SPANISH_PASSAGE)).toEqual([]);
    expect(ungrounded("The winter offer ends on December 15, 2026.", SPANISH_PASSAGE)).toEqual([]);
  });

  it("a policy statement about refunds is not a promise in any language", () => {
    for (const reply of [
      "Refunds are issued within 14 days.",
      "Los reembolsos se emiten en 14 días.",
      "Les remboursements sont effectués sous 14 jours.",
      "Erstattungen erfolgen innerhalb von 14 Tagen.",
      "Os reembolsos são feitos em até 14 dias.",
    ])
      expect(findPromises(reply), reply).toEqual([]);
  });
});
