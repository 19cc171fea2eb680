import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { Handoff } from "../../src/domain/handoff.ts";
import { emptyTicketState, type TicketState } from "../../src/domain/ticket-state.ts";
import { followUpNote } from "../../src/handoff/follow-up-note.ts";
import { followUpDue } from "../../src/nightly/follow-up-ticket.ts";
import { raisedPriority } from "../../src/policy/raised-priority.ts";

const ESCALATED = "2026-12-07T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(ESCALATED) + minutes * 60_000);
const handoff = (expectedBy?: string): Handoff => ({
  reasons: [],
  urgency: "normal",
  customerWants: "",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: [],
  sourcesChecked: [],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "",
  missing: [],
  ...(expectedBy ? { wait: { expectedBy, offHours: false } } : {}),
});
const waiting = (over: Partial<TicketState> = {}): TicketState => ({
  ...emptyTicketState(),
  awaitingHumanSince: ESCALATED,
  ...over,
});

describe("when an escalation is due for its follow-up", () => {
  it("counts follow_up_after_minutes from the escalation when the customer was told no wait", () => {
    expect(followUpDue(waiting(), defaultSettings, at(240)).kind).toBe("not_due");
    expect(followUpDue(waiting(), defaultSettings, at(241))).toEqual({
      kind: "due",
      escalatedAt: ESCALATED,
      dueAt: at(240).toISOString(),
      told: false,
    });
  });

  it("uses the end of the wait the customer was told", () => {
    const told = waiting({ lastHandoff: handoff(at(30).toISOString()) });
    expect(followUpDue(told, defaultSettings, at(29)).kind).toBe("not_due");
    expect(followUpDue(told, defaultSettings, at(31))).toMatchObject({ kind: "due", told: true });
  });

  it("ignores a wait told before this escalation (an earlier handoff)", () => {
    const old = waiting({ lastHandoff: handoff(at(-60).toISOString()) });
    expect(followUpDue(old, defaultSettings, at(31)).kind).toBe("not_due");
  });

  it("is never due twice for one escalation, nor once a person owns the ticket, nor without an escalation", () => {
    const done = waiting({ followUp: { escalatedAt: ESCALATED, at: at(250).toISOString(), done: true } });
    expect(followUpDue(done, defaultSettings, at(600)).kind).toBe("already_followed_up");
    const later = waiting({ followUp: { escalatedAt: "2026-12-01T00:00:00.000Z", at: "x", done: true } });
    expect(followUpDue(later, defaultSettings, at(600)).kind).toBe("due");
    expect(followUpDue(waiting({ humanOwned: true }), defaultSettings, at(600)).kind).toBe("human_replied");
    expect(followUpDue(emptyTicketState(), defaultSettings, at(600)).kind).toBe("not_waiting");
  });
});

describe("the follow-up's priority and note", () => {
  it("raises the priority one step and never lowers it", () => {
    expect([null, "low", "normal", "high", "urgent"].map((p) => raisedPriority(p as never))).toEqual([
      "high",
      "normal",
      "high",
      "urgent",
      "urgent",
    ]);
  });

  it("says when, how late and what happened to the priority", () => {
    const note = followUpNote({
      at: "2026-12-07T14:05:00.000Z",
      dueAt: "2026-12-07T13:30:00.000Z",
      told: true,
      sentToCustomer: true,
      priority: { from: "normal", to: "high" },
    });
    expect(note).toContain(
      "Follow-up sent to the customer at 14:05 UTC, 35 min past the wait the customer was told; " +
        "priority raised normal → high.",
    );
  });
});
