import { describe, expect, it } from "vitest";
import { emptyTicketState, type TicketOutcomeRecord, type TicketState } from "../../src/domain/ticket-state.ts";
import { handlingSince } from "../../src/pipeline/handling-since.ts";

const record = (at: string, outcome: TicketOutcomeRecord["outcome"]): TicketOutcomeRecord => ({
  at,
  eventId: `e-${at}`,
  outcome,
  reasons: [],
});
const state = (over: Partial<TicketState>): TicketState => ({ ...emptyTicketState(), ...over });

describe("when the assistant started handling a ticket", () => {
  it("is the stored time when there is one", () => {
    const s = state({
      handlingSince: "2026-12-01T08:00:00.000Z",
      history: [record("2026-12-02T08:00:00.000Z", "answer")],
    });
    expect(handlingSince(s)).toBe("2026-12-01T08:00:00.000Z");
  });

  it("falls back to the first decision after the last escalation in the history (states stored before the field)", () => {
    const s = state({
      history: [
        record("2026-12-01T08:00:00.000Z", "answer"),
        record("2026-12-01T09:00:00.000Z", "escalate"),
        record("2026-12-02T08:00:00.000Z", "skip"),
        record("2026-12-02T09:00:00.000Z", "ask"),
        record("2026-12-02T10:00:00.000Z", "answer"),
      ],
    });
    expect(handlingSince(s)).toBe("2026-12-02T09:00:00.000Z");
  });

  it("is none while nobody decided, and while the ticket waits for a person", () => {
    expect(handlingSince(state({ history: [record("2026-12-01T08:00:00.000Z", "skip")] }))).toBeNull();
    const waiting = state({
      handlingSince: "2026-12-01T08:00:00.000Z",
      awaitingHumanSince: "2026-12-01T09:00:00.000Z",
    });
    expect(handlingSince(waiting)).toBeNull();
  });
});
