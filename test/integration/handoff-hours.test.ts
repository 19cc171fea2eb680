import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { decision, event } from "../support/ledger-rows.ts";
import { SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";

/*
 * The wait, honestly, through the whole worker on both platforms: an in-hours escalation told a wait
 * estimated from the ledger, an off-hours one told when the team is back (in the customer's zone when
 * the helpdesk knows it), and an urgent off-hours one on the emergency path.
 */
const { zendesk, intercom, server } = useBothHelpdesks();
const hooks: Array<{ body: Record<string, unknown>; headers: Headers }> = [];
beforeEach(() => {
  hooks.length = 0;
  server.use(
    http.post("https://oncall.example.test/hook", async ({ request }) => {
      hooks.push({ body: (await request.json()) as Record<string, unknown>, headers: request.headers });
      return HttpResponse.json({ ok: true });
    }),
  );
});
afterEach(() => vi.useRealTimers());

/** Monday 7 December 2026, 10:00 in Paris (in hours); Saturday 12 December, 20:00 in Paris (closed). */
const MONDAY_10_PARIS = "2026-12-07T09:00:00Z";
const SATURDAY_20_PARIS = "2026-12-12T19:00:00Z";

const HOURS = {
  ANTHROPIC_API_KEY: "test-key",
  DESKMATE_MODE: "autosend",
  DESKMATE_FALLBACK_GROUP_ID: "2003",
  DESKMATE_BUSINESS_HOURS: "mon-fri 09:00-17:30; sat 10:00-14:00",
  DESKMATE_BUSINESS_HOURS_TIME_ZONE: "Europe/Paris",
  DESKMATE_HOLIDAYS: "2026-12-25",
};
const ON_CALL = {
  DESKMATE_ON_CALL_GROUP_ID: "2002",
  DESKMATE_ON_CALL_TAG: "on_call",
  DESKMATE_ON_CALL_WEBHOOK_URL: "https://oncall.example.test/hook",
  ON_CALL_WEBHOOK_SECRET: "on-call-test-secret",
};

const scenario = (name: string) => {
  const index = SCENARIOS.findIndex((s) => s.name === name);
  return { index, scenario: SCENARIOS[index]! };
};

/** Eight handoffs to Tier 2 on past Mondays at 10:00 Paris, answered 10 to 45 minutes later. */
async function ledgerWithPastWaits(platform: "zendesk" | "intercom", account: string) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  const waits = [10, 15, 20, 25, 30, 35, 40, 45];
  for (const [i, wait] of waits.entries()) {
    const at = Date.parse(MONDAY_10_PARIS) - (1 + (i % 3)) * 7 * 86_400_000 + i * 60_000;
    const ticketId = `past-${i}`;
    const common = { platform, account, ticketId };
    await ledger.recordDecision(
      decision({
        ...common,
        outcome: "escalate",
        reasons: ["human_requested"],
        decidedAt: new Date(at).toISOString(),
        escalationGroup: "2003",
      }),
    );
    const reply = event("human_public_reply", 0, common);
    await ledger.recordLifecycle({ ...reply, at: new Date(at + wait * 60_000).toISOString() });
  }
  return db;
}

async function runZendesk(name: string, now: string, env: Record<string, string>, ledgerDb = sqliteD1()) {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) });
  const { index, scenario: s } = scenario(name);
  const h = createHarness({ env: { ...HOURS, ...env }, ledgerDb });
  const { ticketId, requesterId } = stageScenario(zendesk, s, index);
  expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);
  const ticket = zendesk.ticket(ticketId);
  const note = ticket.comments.find((c) => !c.public && c.html_body.includes("Timing"));
  const reply = ticket.comments.filter((c) => c.public).at(-1);
  const state = await h.store().getTicketState(String(ticketId));
  return { ticket, note: note?.html_body ?? "", reply: reply?.body ?? "", state, h };
}

async function runIntercom(name: string, now: string, env: Record<string, string>, ledgerDb = sqliteD1()) {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) });
  const { index, scenario: s } = scenario(name);
  const h = createHarness({ env: { ...HOURS, ...env }, ledgerDb });
  const { conversationId, payload } = stageIntercomScenario(intercom, s, index);
  expect((await h.deliverIntercom(payload)).status).toBe(202);
  const conversation = intercom.conversation(conversationId);
  const note = conversation.parts.find((p) => p.partType === "note" && (p.bodyHtml ?? "").includes("Timing"));
  const reply = conversation.parts.filter((p) => p.partType === "comment" && p.authorType === "admin").at(-1);
  const state = await h.runtime.pipelineDeps("intercom", TEST_INTERCOM_APP_ID).store.getTicketState(conversationId);
  return { conversation, note: note?.bodyHtml ?? "", reply: reply?.body ?? reply?.bodyHtml ?? "", state, h };
}

describe("in business hours: a wait estimated from past handoffs", () => {
  it("Zendesk: the customer is told the quartile range; the note and handoff.wait say so", async () => {
    const db = await ledgerWithPastWaits("zendesk", "acme");
    const { reply, note, state } = await runZendesk("customer asks for a person", MONDAY_10_PARIS, {}, db);
    expect(reply).toContain("Right now replies usually take 15–40 minutes");
    expect(note).toContain(
      "Wait told to the customer: 15-40 minutes (quartiles of 8 recent handoffs to this group at this hour of the week in business time)",
    );
    expect(state.lastHandoff?.wait).toEqual({ expectedBy: "2026-12-07T09:40:00.000Z", offHours: false });
  });

  it("Intercom: the same", async () => {
    const db = await ledgerWithPastWaits("intercom", TEST_INTERCOM_APP_ID);
    const { reply, note, state } = await runIntercom("customer asks for a person", MONDAY_10_PARIS, {}, db);
    expect(reply).toContain("Right now replies usually take 15–40 minutes");
    expect(note).toContain("Wait told to the customer: 15-40 minutes");
    expect(state.lastHandoff?.wait).toEqual({ expectedBy: "2026-12-07T09:40:00.000Z", offHours: false });
  });

  it("with too few past handoffs the expected_wait_minutes setting is told, and without it today's message", async () => {
    const told = await runZendesk("customer asks for a person", MONDAY_10_PARIS, {
      DESKMATE_EXPECTED_WAIT_MINUTES: "20-60",
    });
    expect(told.reply).toContain("Right now replies usually take 20–60 minutes");
    expect(told.note).toContain("(expected_wait_minutes; too few recent handoffs)");
    const silent = await runZendesk("customer asks for a person", MONDAY_10_PARIS, {});
    expect(silent.reply).toContain("They'll reply right here as soon as they can");
    expect(silent.state.lastHandoff?.wait).toBeUndefined();
  });
});

describe("outside business hours: when the team is back", () => {
  it("Zendesk: the next opening in the requester's own time zone, with the email follow-up", async () => {
    const { reply, note, state, ticket } = await runZendesk("customer asks for a person", SATURDAY_20_PARIS, {});
    // Monday 09:00 in Paris is 3:00 AM in New York (the sandbox requester's iana_time_zone).
    expect(reply).toContain("back Monday 3:00 AM (America/New_York)");
    expect(reply).toContain("their reply will also reach you by email");
    expect(note).toContain("Off hours: the team is back Monday 9:00 AM (Europe/Paris)");
    expect(note).toContain("in their time zone (America/New_York)");
    expect(ticket.group_id).toBe(2003);
    // No estimate: a person is expected within the first business hour after the opening.
    expect(state.lastHandoff?.wait).toEqual({ expectedBy: "2026-12-14T09:00:00.000Z", offHours: true });
  });

  it("Intercom: the contact has no time zone in the API, so the team's zone is stated", async () => {
    const { reply, note, state } = await runIntercom("customer asks for a person", SATURDAY_20_PARIS, {});
    expect(reply).toContain("back Monday 9:00 AM (Europe/Paris)");
    expect(note).toContain("Off hours: the team is back Monday 9:00 AM (Europe/Paris)");
    expect(state.lastHandoff?.wait?.offHours).toBe(true);
  });

  it("a holiday counts as closed: Christmas Friday waits for Saturday", async () => {
    const { reply } = await runZendesk("customer asks for a person", "2026-12-25T10:00:00Z", {});
    expect(reply).toContain("back Saturday 4:00 AM (America/New_York)");
  });
});

describe("urgent outside business hours: the emergency path", () => {
  it("Zendesk: on-call group and tag, the notification received once and signed, the note says how", async () => {
    const { reply, note, ticket } = await runZendesk("unauthorized charge", SATURDAY_20_PARIS, ON_CALL);
    expect(reply).toContain("I'm handing this to our on-call team right away");
    expect(ticket.group_id).toBe(2002);
    expect(ticket.tags).toEqual(expect.arrayContaining(["on_call", "deskmate_reason_fraud"]));
    expect(note).toContain("urgent (fraud): emergency path — on-call group 2002, tag on_call, on-call notified.");
    expect(note).toContain("Routed to the on-call group 2002 — off hours, fraud");
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    expect(hook.body).toEqual({
      ticketId: String(ticket.id),
      ticketUrl: `https://acme.zendesk.com/agent/tickets/${ticket.id}`,
      reasons: ["fraud"],
      platform: "zendesk",
      account: "acme",
      commentId: expect.any(String),
      at: SATURDAY_20_PARIS.replace("Z", ".000Z"),
    });
    const timestamp = hook.headers.get("x-deskmate-timestamp") ?? "";
    expect(hook.headers.get("x-deskmate-signature")).toBe(
      `sha256=${await hmac("on-call-test-secret", `${timestamp}.${JSON.stringify(hook.body)}`)}`,
    );
  });

  it("Intercom: on-call team and tag, the notification received", async () => {
    const { reply, note, conversation } = await runIntercom("unauthorized charge", SATURDAY_20_PARIS, ON_CALL);
    expect(reply).toContain("I'm handing this to our on-call team right away");
    expect(conversation.teamAssigneeId).toBe("2002");
    expect(conversation.tags).toEqual(expect.arrayContaining(["on_call"]));
    expect(note).toContain("emergency path — on-call group 2002, tag on_call, on-call notified.");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.body).toMatchObject({ platform: "intercom", account: TEST_INTERCOM_APP_ID, reasons: ["fraud"] });
  });

  it("a failed notification is stated in the note and the escalation goes on", async () => {
    server.use(http.post("https://oncall.example.test/hook", () => new HttpResponse(null, { status: 503 })));
    const { reply, note, ticket } = await runZendesk("unauthorized charge", SATURDAY_20_PARIS, ON_CALL);
    expect(reply).toContain("on-call team");
    expect(ticket.group_id).toBe(2002);
    expect(note).toContain("on-call notification FAILED (HTTP 503): call them");
  });

  it("a shadow decision pages nobody: the note says the notification would be sent", async () => {
    const { h, ticket } = await runZendesk("unauthorized charge", SATURDAY_20_PARIS, {
      ...ON_CALL,
      DESKMATE_MODE: "shadow",
    });
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["fraud"] });
    expect(hooks).toHaveLength(0);
    expect(ticket.comments.at(-1)?.html_body).toContain("on-call would be notified (shadow: not sent)");
  });

  it("in business hours an urgent escalation keeps its group and is told nothing about on-call", async () => {
    const { reply, note, ticket } = await runZendesk("unauthorized charge", MONDAY_10_PARIS, ON_CALL);
    expect(reply).not.toContain("on-call");
    expect(ticket.group_id).not.toBe(2002);
    expect(note).not.toContain("emergency path");
    expect(hooks).toHaveLength(0);
  });
});

describe("the helpdesk's own business hours", () => {
  const PARIS_OFFICE_HOURS = {
    type: "office_hours_schedule",
    id: "77",
    name: "Paris support",
    time_zone_name: "Europe/Paris",
    // Minutes from Monday 00:00: Monday to Friday, 09:00-17:00.
    time_intervals: [0, 1, 2, 3, 4].map((day) => ({
      start_minute: day * 1440 + 540,
      end_minute: day * 1440 + 1020,
      day_of_week: day,
    })),
    twenty_four_seven: false,
    created_at: 1717200000,
    updated_at: 1717200000,
  };
  const closedMonday = {
    type: "office_hours_exception",
    id: "5",
    office_hours_schedule_id: "77",
    exception_date: "2026-12-14",
    exception_type: "closed",
    name: "Team day",
    time_intervals: null,
    recurring_annually: false,
  };
  const officeHoursReads = () => intercom.requests.filter((r) => r.path.startsWith("/office_hours_schedules"));

  it("Intercom: its office hours and closed days decide, read once and cached an hour", async () => {
    intercom.setOfficeHours(PARIS_OFFICE_HOURS, [closedMonday]);
    // The setting says Saturday 10:00-14:00 too; Intercom's schedule has no Saturday and a closed Monday.
    const first = await runIntercom("customer asks for a person", "2026-12-12T10:00:00Z", {
      DESKMATE_BUSINESS_HOURS_SOURCE: "helpdesk",
    });
    expect(first.reply).toContain("back Tuesday 9:00 AM (Europe/Paris)");
    expect(first.note).toContain(
      "Business hours: the helpdesk&#39;s schedule &quot;Paris support&quot; (Europe/Paris).",
    );
    expect(officeHoursReads().map((r) => r.path)).toEqual([
      "/office_hours_schedules",
      "/office_hours_schedules/77/office_hours_exceptions",
    ]);
    // A second escalation in the same account (same store): no second read.
    const { index, scenario: s } = scenario("customer asks for a person");
    const again = stageIntercomScenario(intercom, s, index);
    expect((await first.h.deliverIntercom(again.payload)).status).toBe(202);
    expect(officeHoursReads()).toHaveLength(2);
  });

  it("Intercom: a failed read falls back to the setting, and the note says so", async () => {
    intercom.failNext({ method: "GET", path: "/office_hours_schedules" }, [
      { status: 500 },
      { status: 500 },
      { status: 500 },
      { status: 500 },
    ]);
    const { reply, note } = await runIntercom("customer asks for a person", SATURDAY_20_PARIS, {
      DESKMATE_BUSINESS_HOURS_SOURCE: "helpdesk",
    });
    expect(reply).toContain("back Monday 9:00 AM (Europe/Paris)");
    expect(note).toContain(
      "Business hours: the helpdesk&#39;s schedule could not be read; the business_hours setting is used.",
    );
  });

  it("Zendesk: its schedules are not in the API description checked against, so the setting applies", async () => {
    const { reply, note } = await runZendesk("customer asks for a person", SATURDAY_20_PARIS, {
      DESKMATE_BUSINESS_HOURS_SOURCE: "helpdesk",
    });
    expect(reply).toContain("back Monday 3:00 AM (America/New_York)");
    expect(note).toContain("Business hours: Zendesk schedules are not in the Support API description");
    expect(zendesk.requests.some((r) => r.path.includes("business_hours"))).toBe(false);
  });
});

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message));
  return Buffer.from(signature).toString("hex");
}
