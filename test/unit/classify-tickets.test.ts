import { describe, expect, it } from "vitest";
import { classifyTickets } from "../../src/metrics/classify-tickets.ts";
import { at, DAY, decision, event, HOUR, T0 } from "../support/ledger-rows.ts";
import { resolutionTable as rows } from "../support/resolution-table.ts";

const answer = decision();

describe("classifyTickets: the resolution definitions, one row per rule", () => {
  it.each(rows)("$rule", ({ decisions, events, nowMs, expected }) => {
    const [ticket, ...others] = classifyTickets(decisions, events, { now: new Date(T0 + nowMs) });
    expect(others).toEqual([]);
    expect(ticket).toMatchObject(expected);
  });
});

describe("classifyTickets: grouping and options", () => {
  it("keeps tickets of both platforms and accounts apart even with the same ticket id", () => {
    const tickets = classifyTickets(
      [decision(), decision({ platform: "intercom", account: "ws1", outcome: "ask" })],
      [event("reopened", 2 * DAY, { platform: "intercom", account: "ws1" })],
      { now: new Date(T0 + 30 * DAY) },
    );
    expect(tickets.map((t) => [t.platform, t.account, t.ticketId, t.status, t.resolution])).toEqual([
      ["zendesk", "acme", "101", "ai_resolved", "stayed"],
      ["intercom", "ws1", "101", "unresolved", null],
    ]);
  });

  it("orders rows by time, not by the order the ledger returned them", () => {
    const later = decision({ outcome: "ask", decidedAt: at(1 * HOUR) });
    const [ticket] = classifyTickets([later, answer], [], { now: new Date(T0 + 30 * DAY) });
    expect(ticket?.status).toBe("unresolved");
  });

  it("honours resolution_wait_hours and the stayed-resolved window", () => {
    const options = { now: new Date(T0 + 30 * DAY), resolutionWaitHours: 24, stayedResolvedDays: 14 };
    const [ticket] = classifyTickets(
      [answer],
      [event("customer_message", 25 * HOUR), event("reopened", 24 * HOUR + 10 * DAY)],
      options,
    );
    expect(ticket).toMatchObject({ status: "ai_resolved", resolvedAt: at(24 * HOUR), resolution: "false" });
  });

  it.each([
    { options: { now: new Date("not a date") }, error: /^now: expected a valid date/ },
    { options: { now: new Date(T0), resolutionWaitHours: 0 }, error: /^resolution_wait_hours: .*got 0/ },
    { options: { now: new Date(T0), stayedResolvedDays: -1 }, error: /^stayed_resolved_days: .*got -1/ },
  ])("names a bad option: $error", ({ options, error }) => {
    expect(() => classifyTickets([answer], [], options)).toThrow(error);
  });

  it("names the row whose time is not ISO-8601", () => {
    expect(() =>
      classifyTickets([decision({ eventId: "bad-1", decidedAt: "yesterday" })], [], { now: new Date(T0) }),
    ).toThrow(/decision bad-1: not an ISO-8601 time/);
  });
});
