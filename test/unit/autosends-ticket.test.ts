import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { Plan } from "../../src/domain/plan.ts";
import { gatePlan } from "../../src/pipeline/gate-plan.ts";
import { autosendsTicket } from "../../src/pipeline/autosends-ticket.ts";

const answer: Plan = { outcome: "answer", reasons: [], customerMessage: "Done.", addTags: [], removeTags: [] };
const ids = Array.from({ length: 200 }, (_, i) => String(1000 + i));

describe("autosendsTicket: the one place autosend is decided", () => {
  it("only autosend mode writes for itself, and only inside the rollout", () => {
    expect(autosendsTicket({ mode: "draft", autosendRolloutPercent: 100 }, "1")).toBe(false);
    expect(autosendsTicket({ mode: "shadow", autosendRolloutPercent: 100 }, "1")).toBe(false);
    expect(autosendsTicket({ mode: "autosend", autosendRolloutPercent: 100 }, "1")).toBe(true);
    expect(autosendsTicket({ mode: "autosend", autosendRolloutPercent: 0 }, "1")).toBe(false);
  });

  it("at 50% the same ticket always gets the same answer, and both sides of the split exist", () => {
    const settings = { mode: "autosend" as const, autosendRolloutPercent: 50 };
    const inside = ids.filter((id) => autosendsTicket(settings, id));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(ids.length);
    expect(ids.filter((id) => autosendsTicket(settings, id))).toEqual(inside);
  });

  it("the mode gate sends a public reply exactly for the tickets autosendsTicket accepts", () => {
    const settings = { ...defaultSettings, mode: "autosend" as const, autosendRolloutPercent: 50 };
    const sent = ids.filter(
      (id) => gatePlan({ plan: answer, settings, ticketId: id, humanOwned: false }).publicReply !== undefined,
    );
    expect(sent).toEqual(ids.filter((id) => autosendsTicket(settings, id)));
  });
});

describe("autosendsTicket: arms and categories", () => {
  const on = { mode: "autosend" as const, autosendRolloutPercent: 100 };

  it("the control arm never autosends, the assistant arm does", () => {
    expect(autosendsTicket(on, "1", { arm: "control" })).toBe(false);
    expect(autosendsTicket(on, "1", { arm: "assistant" })).toBe(true);
  });

  it.each([
    ["all", "refund", null, true],
    ["all", null, null, true],
    [["billing", "refund"], "refund", null, true],
    [["billing"], "refund", null, false],
    [["billing"], null, null, false],
    ["ready", "refund", ["refund"], true],
    ["ready", "refund", ["billing"], false],
    ["ready", "refund", null, false],
    ["ready", null, ["refund"], false],
  ] as const)("autosend_categories %j, category %s, ready %j → %s", (allowed, category, ready, expected) => {
    const settings = { ...on, autosendCategories: allowed as "all" | "ready" | string[] };
    expect(autosendsTicket(settings, "1", { category, readyCategories: ready })).toBe(expected);
  });

  it("the mode gate writes nothing on a control ticket, in every mode", () => {
    for (const mode of ["shadow", "draft", "autosend"] as const) {
      const settings = { ...defaultSettings, mode };
      const writes = gatePlan({
        plan: answer,
        settings,
        ticketId: "1",
        humanOwned: false,
        rollout: { arm: "control" },
      });
      expect(writes).toEqual({ addTags: [], removeTags: [] });
    }
  });

  it("the mode gate drafts an answer whose category autosend may not answer", () => {
    const settings = { ...defaultSettings, mode: "autosend" as const, autosendCategories: ["billing"] };
    const plan = { ...answer, facts: { category: "refund" } } as Plan;
    const writes = gatePlan({ plan, settings, ticketId: "1", humanOwned: false });
    expect(writes.publicReply).toBeUndefined();
    expect(writes.addTags).toContain("deskmate_draft");
  });
});

describe("autosendsTicket: categories the stage guard fell back to draft", () => {
  const settings = { ...defaultSettings, mode: "autosend" as const, autosendRolloutPercent: 100 };
  const fallback = {
    since: "2026-12-01T10:00:00.000Z",
    reason: "false_resolution_rate" as const,
    rate: 0.4,
    samples: 20,
    threshold: 0.15,
    windowDays: 14,
  };
  const fallbacks = { categories: { billing: fallback } };
  const billing: Plan = {
    ...answer,
    facts: { category: "billing", confidence: 0.9, usage: [], sources: [], knowledgeGap: false },
  };
  const shipping: Plan = {
    ...billing,
    facts: { category: "shipping", confidence: 0.9, usage: [], sources: [], knowledgeGap: false },
  };

  it("a guarded category drafts; the others still autosend", () => {
    expect(autosendsTicket(settings, "1", { category: "billing", fallbacks })).toBe(false);
    expect(autosendsTicket(settings, "1", { category: "shipping", fallbacks })).toBe(true);
    // A decision without a category counts under `unknown`, as the guard counts it.
    expect(autosendsTicket(settings, "1", { category: null, fallbacks: { categories: { unknown: fallback } } })).toBe(
      false,
    );
    // Unreadable guard state drafts everything (the safe side).
    expect(
      autosendsTicket(settings, "1", { category: "shipping", fallbacks: { categories: {}, unreadable: true } }),
    ).toBe(false);
  });

  it("the mode gate turns a guarded category's answer into a suggested reply", () => {
    const guarded = gatePlan({ plan: billing, settings, ticketId: "1", humanOwned: false, rollout: { fallbacks } });
    expect(guarded.publicReply).toBeUndefined();
    expect(guarded.addTags).toContain("deskmate_draft");
    expect(guarded.internalNote?.htmlBody).toContain("Deskmate suggested reply");
    const other = gatePlan({ plan: shipping, settings, ticketId: "1", humanOwned: false, rollout: { fallbacks } });
    expect(other.publicReply?.body).toBe("Done.");
  });
});
