import { describe, expect, it } from "vitest";
import type { ShadowDecision, ShadowEvent } from "../../src/domain/shadow-scoring.ts";
import { compareAnswers, scoreDecision } from "../../src/rollout/score-decision.ts";
import { editDistance, textSimilarity } from "../../src/rollout/reply-words.ts";

const AT = "2026-11-02T09:00:00.000Z";
const later = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();
const OPEN = Number.POSITIVE_INFINITY;

function decision(overrides: Partial<ShadowDecision> = {}): ShadowDecision {
  return {
    ticketId: "101",
    eventId: "d1",
    decidedAt: AT,
    mode: "shadow",
    outcome: "answer",
    category: "billing",
    ...overrides,
  };
}

function reply(text: string | undefined, minutes = 30): ShadowEvent {
  return {
    ticketId: "101",
    eventId: `comment:${minutes}`,
    kind: "human_public_reply",
    at: later(minutes),
    detail: null,
    ...(text === undefined ? {} : { replyText: text }),
  };
}

function moved(group: string, minutes = 10): ShadowEvent {
  return { ticketId: "101", eventId: `g:${minutes}`, kind: "group_changed", at: later(minutes), detail: group };
}

const PROPOSED =
  "You can return the item within 30 days for a full refund. Start here: https://acme.zendesk.com/hc/en-us/articles/360001234-Returns";

describe("decision agreement", () => {
  it.each<[string, Partial<ShadowDecision>, ShadowEvent[], boolean | null]>([
    ["answer vs human reply", {}, [reply("Sure, send it back.")], true],
    ["question vs human reply", { outcome: "ask" }, [reply("Which order?")], true],
    ["answer vs human escalation", {}, [moved("360000222")], false],
    [
      "escalation to billing vs human moved to billing",
      { outcome: "escalate", proposedGroup: "7" },
      [moved("7")],
      true,
    ],
    ["escalation to billing vs human moved to tech", { outcome: "escalate", proposedGroup: "7" }, [moved("9")], false],
    ["escalation without a group vs any human move", { outcome: "escalate" }, [moved("9")], true],
    ["escalation vs human reply", { outcome: "escalate", proposedGroup: "7" }, [reply("Done.")], false],
    ["answer vs solved without reply", {}, [{ ...reply(undefined), kind: "solved" }], false],
    ["nothing yet: not scored", {}, [], null],
    ["a move to no group is no escalation", {}, [moved("none"), reply("ok")], true],
  ])("%s", (_name, overrides, events, agrees) => {
    expect(scoreDecision(decision(overrides), events, OPEN).decisionAgrees).toBe(agrees);
  });

  it("the last move in the window is where the human sent it", () => {
    const score = scoreDecision(
      decision({ outcome: "escalate", proposedGroup: "7" }),
      [moved("9", 5), moved("7", 20)],
      OPEN,
    );
    expect(score).toMatchObject({ human: "escalated", humanGroup: "7", decisionAgrees: true });
  });

  it("actions after the next decision or after 7 days answer something else", () => {
    const nextDecision = Date.parse(later(60));
    expect(scoreDecision(decision(), [reply("late", 90)], nextDecision).decisionAgrees).toBeNull();
    expect(scoreDecision(decision(), [reply("late", 8 * 24 * 60)], OPEN).decisionAgrees).toBeNull();
    expect(scoreDecision(decision(), [{ ...reply("other"), ticketId: "102" }], OPEN).decisionAgrees).toBeNull();
  });
});

describe("answer agreement", () => {
  it("the same facts in other words agree", () => {
    const human =
      "Hi Sam, no problem: returns are accepted for 30 days and you get your money back. Details: https://acme.zendesk.com/hc/en-us/articles/360001234";
    const result = compareAnswers(PROPOSED, human);
    expect(result.facts).toEqual({ shared: 2, conflicts: 0, unmatched: 0 });
    expect(result.agrees).toBe(true);
  });

  it("a different price is one conflict, and the answers disagree however alike the words", () => {
    const result = compareAnswers("The Pro plan costs €29.90 per month.", "The Pro plan costs €24.90 per month.");
    expect(result.facts.conflicts).toBe(1);
    expect(result.similarity).toBeGreaterThan(0.7);
    expect(result.agrees).toBe(false);
  });

  it("German and the same date written the US way still agree on the date", () => {
    const result = compareAnswers(
      "Ihre Bestellung wird am 24.12.2026 versendet.",
      "Wir versenden Ihre Bestellung am 24. Dezember.",
    );
    expect(result.facts).toMatchObject({ shared: 1, conflicts: 0 });
    expect(result.agrees).toBe(true);
  });

  it.each<[string, string, string, { shared: number; conflicts: number }, boolean]>([
    [
      "Spanish: the same price and article in other words",
      "El plan Pro cuesta 29,90 € al mes: https://acme.zendesk.com/hc/es/articles/360001234-Planes",
      "¡Hola! Son 29,90 € mensuales, más info en https://acme.zendesk.com/hc/es/articles/360001234",
      { shared: 2, conflicts: 0 },
      true,
    ],
    [
      "French: another delivery date is a conflict",
      "Votre colis arrivera le 24 décembre 2026.",
      "Votre colis arrivera le 27/12/2026.",
      { shared: 0, conflicts: 1 },
      false,
    ],
    [
      "Portuguese: the same amount written R$ 1.299,00 and R$1299",
      "O reembolso de R$ 1.299,00 foi feito.",
      "Reembolsamos R$1299 hoje.",
      { shared: 1, conflicts: 0 },
      true,
    ],
    [
      "Italian: another opening time is a conflict",
      "Siamo aperti dalle 9:00 alle 18:00.",
      "Siamo aperti dalle 9:00 alle 17:00.",
      { shared: 1, conflicts: 1 },
      false,
    ],
  ])("%s", (_name, proposed, human, facts, agrees) => {
    const result = compareAnswers(proposed, human);
    expect(result.facts).toMatchObject(facts);
    expect(result.agrees).toBe(agrees);
  });

  it("a fact only one side states is no conflict; unrelated texts without shared facts disagree", () => {
    expect(compareAnswers("Refunds take 5 days.", "Refunds take 5 days, see https://acme.com/refunds").facts).toEqual({
      shared: 1,
      conflicts: 0,
      unmatched: 1,
    });
    const unrelated = compareAnswers(
      "Please reset your password from the login page.",
      "Our warehouse in Lyon ships parcels every weekday morning.",
    );
    expect(unrelated.similarity).toBeLessThan(0.25);
    expect(unrelated.agrees).toBe(false);
  });

  it("is scored only when the human reply's text was kept", () => {
    const withText = scoreDecision(decision({ proposedReply: PROPOSED }), [reply("Returns: 30 days.")], OPEN);
    expect(withText.answer?.facts.shared).toBe(1);
    expect(scoreDecision(decision({ proposedReply: PROPOSED }), [reply(undefined)], OPEN).answer).toBeNull();
  });
});

describe("draft acceptance", () => {
  const draft = decision({ mode: "draft", proposedReply: PROPOSED });
  it.each<[string, ShadowEvent[], string | null]>([
    [
      "sent as suggested (case and spacing do not count)",
      [reply(PROPOSED.toUpperCase().replace(/ /g, "  "))],
      "unchanged",
    ],
    ["a greeting and a signature added", [reply(`Hi Sam, ${PROPOSED} Best, Lee`)], "edited"],
    [
      "the agent wrote their own",
      [reply("Hello, I checked your account and the charge was a duplicate; refunded.")],
      "discarded",
    ],
    ["escalated instead", [moved("7")], "discarded"],
    ["no human action yet", [], null],
  ])("%s", (_name, events, result) => {
    expect(scoreDecision(draft, events, OPEN).draft?.result ?? null).toBe(result);
  });

  it("a shadow decision has no draft result", () => {
    expect(scoreDecision(decision({ proposedReply: PROPOSED }), [reply(PROPOSED)], OPEN).draft).toBeNull();
  });
});

describe("text measures", () => {
  it("edit distance counts words changed over the longer text", () => {
    expect(editDistance("a b c d", "a b c d")).toBe(0);
    expect(editDistance("a b c d", "a x c d")).toBe(0.25);
    expect(editDistance("a b", "a b c d")).toBe(0.5);
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("Wir erstatten 30 €.", "wir erstatten 30 €")).toBe(0);
  });

  it("similarity is the Dice coefficient of the word sets", () => {
    expect(textSimilarity("a b c d", "a b e f")).toBe(0.5);
    expect(textSimilarity("Été", "été")).toBe(1);
    expect(textSimilarity("été", "ete")).toBe(0);
  });
});

describe("the model judge's verdict", () => {
  it("replaces the similarity fallback for its own pair, never a fact conflict", () => {
    const draft = decision({ proposedReply: "Refunds take 5 days." });
    const human = reply("An exchange takes 5 days.");
    const verdict = (agrees: boolean) => new Map([[`d1|${human.eventId}`, agrees]]);
    expect(scoreDecision(draft, [human], OPEN).answer).toMatchObject({ judged: null, agrees: true });
    expect(scoreDecision(draft, [human], OPEN, verdict(false)).answer).toMatchObject({ judged: false, agrees: false });
    // Another reply's verdict says nothing about this pair.
    expect(scoreDecision(draft, [human], OPEN, new Map([["d1|comment:999", false]])).answer?.judged).toBeNull();
    const conflict = reply("Refunds take 10 days.");
    expect(scoreDecision(draft, [conflict], OPEN, new Map([[`d1|${conflict.eventId}`, true]])).answer?.agrees).toBe(
      false,
    );
  });
});
