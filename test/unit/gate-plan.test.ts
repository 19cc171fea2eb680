import { describe, expect, it } from "vitest";
import { defaultSettings, type Settings } from "../../src/config/settings-schema.ts";
import { gatePlan } from "../../src/pipeline/gate-plan.ts";
import type { Plan } from "../../src/domain/plan.ts";

const answer: Plan = {
  outcome: "answer",
  reasons: [],
  customerMessage: "You can reset it under Settings > Security.",
  addTags: ["deskmate_answered"],
  removeTags: [],
};
const escalation: Plan = {
  outcome: "escalate",
  reasons: ["human_requested"],
  customerMessage: "A specialist is taking over.",
  internalNote: "<p>handoff</p>",
  addTags: ["deskmate_escalated", "deskmate_reason_human_requested"],
  removeTags: [],
  groupId: "360001",
  priority: "high",
};

function settings(overrides: Partial<Settings>): Settings {
  return { ...defaultSettings, ...overrides };
}

describe("gatePlan: what each mode lets through", () => {
  const rows: Array<{
    name: string;
    plan: Plan;
    mode: Settings["mode"];
    humanOwned?: boolean;
    expect: (w: ReturnType<typeof gatePlan>) => void;
  }> = [
    {
      name: "off writes nothing",
      plan: escalation,
      mode: "off",
      expect: (w) => expect(w).toEqual({ addTags: [], removeTags: [] }),
    },
    {
      name: "shadow: only a note describing the plan, plus the shadow tag",
      plan: escalation,
      mode: "shadow",
      expect: (w) => {
        expect(w.addTags).toEqual(["deskmate_shadow"]);
        expect(w.publicReply).toBeUndefined();
        expect(w.groupId).toBeUndefined();
        expect(w.priority).toBeUndefined();
        expect(w.internalNote?.htmlBody).toContain("shadow mode");
        expect(w.internalNote?.htmlBody).toContain("human_requested");
        expect(w.internalNote?.htmlBody).toContain("A specialist is taking over.");
      },
    },
    {
      name: "draft: an answer becomes a suggested-reply note",
      plan: answer,
      mode: "draft",
      expect: (w) => {
        expect(w.publicReply).toBeUndefined();
        expect(w.internalNote?.htmlBody).toContain("suggested reply");
        expect(w.internalNote?.htmlBody).toContain("Settings &gt; Security");
        expect(w.addTags).toEqual(["deskmate_answered", "deskmate_draft"]);
      },
    },
    {
      name: "draft: an escalation keeps note, group, priority and tags; the warm message is not sent",
      plan: escalation,
      mode: "draft",
      expect: (w) => {
        expect(w.publicReply).toBeUndefined();
        expect(w.internalNote?.htmlBody).toBe("<p>handoff</p>");
        expect(w.groupId).toBe("360001");
        expect(w.priority).toBe("high");
        expect(w.addTags).toContain("deskmate_reason_human_requested");
      },
    },
    {
      name: "autosend: an answer is a public reply, status pending",
      plan: answer,
      mode: "autosend",
      expect: (w) => {
        expect(w.publicReply).toEqual({ body: answer.customerMessage, status: "pending" });
        expect(w.internalNote).toBeUndefined();
        expect(w.addTags).toEqual(["deskmate_answered"]);
      },
    },
    {
      name: "autosend: an escalation sends the warm message as well as the handoff",
      plan: escalation,
      mode: "autosend",
      expect: (w) => {
        expect(w.publicReply?.body).toBe("A specialist is taking over.");
        expect(w.internalNote?.htmlBody).toBe("<p>handoff</p>");
        expect(w.groupId).toBe("360001");
      },
    },
    {
      name: "autosend on a human-owned ticket: nothing public",
      plan: answer,
      mode: "autosend",
      humanOwned: true,
      expect: (w) => {
        expect(w.publicReply).toBeUndefined();
        expect(w.internalNote?.htmlBody).toContain("suggested reply");
      },
    },
  ];

  it.each(rows)("$name", (row) => {
    row.expect(
      gatePlan({
        plan: row.plan,
        settings: settings({ mode: row.mode }),
        ticketId: "101",
        humanOwned: row.humanOwned ?? false,
      }),
    );
  });

  it("autosend outside the rollout percentage behaves like draft, deterministically per ticket", () => {
    const gated = (ticketId: string) =>
      gatePlan({
        plan: answer,
        settings: settings({ mode: "autosend", autosendRolloutPercent: 50 }),
        ticketId,
        humanOwned: false,
      });
    const ids = Array.from({ length: 200 }, (_, i) => String(1000 + i));
    const sent = ids.filter((id) => gated(id).publicReply !== undefined).length;
    expect(sent).toBeGreaterThan(60);
    expect(sent).toBeLessThan(140);
    for (const id of ids.slice(0, 20))
      expect(gated(id).publicReply === undefined).toBe(gated(id).publicReply === undefined);
    expect(
      gatePlan({
        plan: answer,
        settings: settings({ mode: "autosend", autosendRolloutPercent: 0 }),
        ticketId: "1",
        humanOwned: false,
      }).publicReply,
    ).toBeUndefined();
  });

  it("uses the configured tag prefix for mode tags", () => {
    const w = gatePlan({
      plan: answer,
      settings: settings({ mode: "draft", tagPrefix: "dm-" }),
      ticketId: "1",
      humanOwned: false,
    });
    expect(w.addTags).toContain("dm-draft");
  });
});
