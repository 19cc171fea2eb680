import { describe, expect, it } from "vitest";
import { canaryCohorts } from "../../src/rollout/canary-cohorts.ts";
import type { ExperimentTicket } from "../../src/rollout/experiment-tickets.ts";

let n = 0;
function ticket(over: Partial<ExperimentTicket> & Pick<ExperimentTicket, "firstDecidedAt">): ExperimentTicket {
  n++;
  return {
    ticketId: `t${n}`,
    arm: "assistant",
    fingerprint: "cur0000000000000",
    variant: "current",
    rating: null,
    solved: false,
    reopened: false,
    recontacted: false,
    firstResponseMinutes: null,
    resolutionMinutes: null,
    ...over,
  };
}
const day = (d: number) => `2026-12-0${d}T12:00:00.000Z`;

describe("canaryCohorts", () => {
  it("groups canary tickets by fingerprint, each against the current assistant tickets of its own span", () => {
    const tickets = [
      ticket({ firstDecidedAt: day(1), variant: "canary", fingerprint: "aaaa000000000000" }),
      ticket({ firstDecidedAt: day(3), variant: "canary", fingerprint: "aaaa000000000000" }),
      ticket({ firstDecidedAt: day(2) }),
      ticket({ firstDecidedAt: day(2), arm: "control" }),
      ticket({ firstDecidedAt: day(5), variant: "canary", fingerprint: "bbbb000000000000" }),
      ticket({ firstDecidedAt: day(5) }),
      ticket({ firstDecidedAt: day(4) }),
    ];
    const cohorts = canaryCohorts(tickets);
    // Newest canary first; a changed block (new fingerprint) is its own comparison.
    expect(cohorts.map((c) => [c.fingerprint, c.canary.length, c.current.length])).toEqual([
      ["bbbb000000000000", 1, 1],
      ["aaaa000000000000", 2, 1],
    ]);
    expect(cohorts[1]).toMatchObject({ from: day(1), to: day(3) });
    // Control tickets are never the baseline, and day 4's current ticket lies outside both spans.
    expect(cohorts.flatMap((c) => c.current).every((t) => t.arm === "assistant")).toBe(true);
  });

  it("is empty without canary tickets", () => {
    expect(canaryCohorts([ticket({ firstDecidedAt: day(1) })])).toEqual([]);
  });
});
