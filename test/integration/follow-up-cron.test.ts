import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/support-event.ts";
import { fixedMessage } from "../../src/handoff/fixed-messages.ts";
import { adminClosed, adminReplied, userReplied } from "../support/intercom-events.ts";
import { INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { StoreThatStopsOnce } from "../support/store-that-stops-once.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, statusChanged, ticketCreated } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";

const { zendesk, intercom } = useBothHelpdesks();

const FOLLOW_UP_CRON = "7,22,37,52 * * * *";
const HOUR = 3_600_000;
const ADMIN_TOKEN = "follow-up-admin-token";
const FOLLOW_UP_TEXT = fixedMessage("follow_up", "en");
const ASKS_FOR_PERSON = SCENARIOS.findIndex((s) => s.name === "customer asks for a person");
const ANSWERED = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
type Harness = ReturnType<typeof createHarness>;

interface Side {
  platform: Platform;
  account: string;
  /** Stages scenario `index` as a new ticket and delivers its webhook; returns the ticket id. */
  deliver(h: Harness, index: number, n: number): Promise<string>;
  /** The assistant's public messages and internal notes on the ticket, oldest first. */
  publicMessages(id: string): string[];
  notes(id: string): string[];
  tags(id: string): string[];
  priority(id: string): string | null;
  /** A person replies publicly in the helpdesk without any webhook reaching Deskmate. */
  humanRepliesSilently(id: string): void;
  /** A person replies publicly and the helpdesk's webhook says so. */
  humanReplies(h: Harness, id: string): Promise<void>;
  /** The customer writes again and the helpdesk's webhook says so. */
  customerWrites(h: Harness, id: string, body: string): Promise<void>;
  /** A person solves (closes) the ticket and the helpdesk's webhook says so. */
  solves(h: Harness, id: string): Promise<void>;
}

const SIDES: Side[] = [
  {
    platform: "zendesk",
    account: "acme",
    async deliver(h, index, n) {
      const { ticketId, requesterId } = stageScenario(zendesk, SCENARIOS[index]!, index + n);
      expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);
      return String(ticketId);
    },
    publicMessages: (id) =>
      zendesk
        .ticket(Number(id))
        .comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId)
        .map((c) => c.body),
    notes: (id) =>
      zendesk
        .ticket(Number(id))
        .comments.filter((c) => !c.public && c.author_id === SANDBOX.assistantId)
        .map((c) => c.html_body),
    tags: (id) => zendesk.ticket(Number(id)).tags,
    priority: (id) => zendesk.ticket(Number(id)).priority,
    humanRepliesSilently(id) {
      zendesk.addComment(Number(id), { authorId: SANDBOX.agentId, body: "Hi, Dana here, looking at it now." });
    },
    async humanReplies(h, id) {
      const ticket = zendesk.ticket(Number(id));
      const comment = zendesk.addComment(Number(id), { authorId: SANDBOX.agentId, body: "Dana here." });
      const snapshot = { id: Number(id), requesterId: ticket.requester_id };
      const payload = commentAdded(snapshot, { id: comment.id, authorId: SANDBOX.agentId, isStaff: true });
      expect((await h.deliver(payload)).status).toBe(202);
    },
    async customerWrites(h, id, body) {
      const ticket = zendesk.ticket(Number(id));
      const comment = zendesk.addComment(Number(id), { authorId: ticket.requester_id, body });
      const snapshot = { id: Number(id), requesterId: ticket.requester_id };
      const payload = commentAdded(snapshot, { id: comment.id, authorId: ticket.requester_id, isStaff: false, body });
      expect((await h.deliver(payload)).status).toBe(202);
    },
    async solves(h, id) {
      const ticket = zendesk.ticket(Number(id));
      zendesk.setStatus(Number(id), "solved");
      const payload = statusChanged({ id: Number(id), requesterId: ticket.requester_id }, ticket.status, "solved");
      expect((await h.deliver(payload)).status).toBe(202);
    },
  },
  {
    platform: "intercom",
    account: TEST_INTERCOM_APP_ID,
    async deliver(h, index, n) {
      const { conversationId, payload } = stageIntercomScenario(intercom, SCENARIOS[index]!, index + n);
      expect((await h.deliverIntercom(payload)).status).toBe(202);
      return conversationId;
    },
    publicMessages: (id) =>
      intercom
        .conversation(id)
        .parts.filter((p) => p.partType === "comment" && p.authorId === INTERCOM_SANDBOX.assistantAdminId)
        .map((p) => p.body ?? ""),
    notes: (id) =>
      intercom
        .conversation(id)
        .parts.filter((p) => p.partType === "note" && p.authorId === INTERCOM_SANDBOX.assistantAdminId)
        .map((p) => p.bodyHtml ?? p.body ?? ""),
    tags: (id) => intercom.conversation(id).tags,
    priority: (id) => intercom.conversation(id).priority,
    humanRepliesSilently(id) {
      intercom.addPart(id, { author: "admin", adminId: INTERCOM_SANDBOX.humanAdminId, body: "Dana here." });
    },
    async humanReplies(h, id) {
      const conv = intercom.addPart(id, { author: "admin", adminId: INTERCOM_SANDBOX.humanAdminId, body: "Dana." });
      const part = conv.parts.at(-1)!;
      const contactId = intercom.conversation(id).parts[0]?.authorId ?? "";
      const payload = adminReplied({ id, contactId }, INTERCOM_SANDBOX.humanAdminId, { id: part.id, body: "Dana." });
      expect((await h.deliverIntercom(payload)).status).toBe(202);
    },
    async customerWrites(h, id, body) {
      const conv = intercom.addPart(id, { author: "user", body });
      const part = conv.parts.at(-1)!;
      const contactId = intercom.conversation(id).parts[0]?.authorId ?? "";
      expect((await h.deliverIntercom(userReplied({ id, contactId }, { id: part.id, body }))).status).toBe(202);
    },
    async solves(h, id) {
      intercom.close(id);
      const contactId = intercom.conversation(id).parts[0]?.authorId ?? "";
      expect((await h.deliverIntercom(adminClosed({ id, contactId }))).status).toBe(202);
    },
  },
];

/** Moves the ticket's "handling since" back, as if the assistant had handled it for `hours`. */
async function handledFor(h: Harness, side: Side, id: string, hours: number): Promise<void> {
  const { store } = h.runtime.pipelineDeps(side.platform, side.account);
  await store.withTicketLock(id, async (lease) => {
    const state = await store.getTicketState(id);
    const since = new Date(Date.now() - hours * HOUR).toISOString();
    await store.putTicketState(id, { ...state, handlingSince: since }, lease);
  });
}

function harness(mode: "autosend" | "draft" = "autosend", kv?: StoreThatStopsOnce) {
  return createHarness({
    env: { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: mode, DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN },
    ...(kv ? { kv } : {}),
  });
}

describe.each(SIDES)("never a silent queue on $platform", (side) => {
  it("sends one follow-up after the estimate passes, raises the priority and notes it; a second run sends nothing", async () => {
    const h = harness();
    const id = await side.deliver(h, ASKS_FOR_PERSON, 0);
    expect(side.publicMessages(id)).toHaveLength(1); // the warm escalation message
    const before = side.priority(id);

    // Not yet due: the default estimate without a told wait is 240 minutes.
    const early = await h.runtime.runScheduled(FOLLOW_UP_CRON, Date.now() + HOUR);
    expect(early).toMatchObject({ followUpsSent: 0, skipped: { not_due: 1 } });
    expect(side.publicMessages(id)).toHaveLength(1);

    const late = Date.now() + 5 * HOUR;
    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, late)).toMatchObject({ followUpsSent: 1 });
    expect(side.publicMessages(id)).toEqual([expect.any(String), FOLLOW_UP_TEXT]);
    const note = side.notes(id).at(-1) ?? "";
    expect(note).toContain("Follow-up sent to the customer at");
    expect(note).toMatch(/\d+ min past the follow-up estimate/);
    expect(side.tags(id)).toContain("deskmate_followed_up");
    if (side.platform === "zendesk") {
      expect(before).toBe("normal");
      expect(side.priority(id)).toBe("high");
      expect(note).toContain("priority raised normal → high");
    } else {
      // Intercom's API cannot set a priority: the note says so instead of claiming a change.
      expect(side.priority(id)).toBe(before);
      expect(note, note).toContain("priority unchanged");
      expect(note).toContain("cannot set it");
    }

    const again = await h.runtime.runScheduled(FOLLOW_UP_CRON, late + HOUR);
    expect(again).toMatchObject({ followUpsSent: 0, followUpsNoted: 0, skipped: { already_followed_up: 1 } });
    expect(side.publicMessages(id)).toHaveLength(2);
  });

  it("sends nothing once a person replied, even when no webhook said so (the helpdesk is asked)", async () => {
    const h = harness();
    const id = await side.deliver(h, ASKS_FOR_PERSON, 1);
    side.humanRepliesSilently(id);
    const writesBefore = (side.platform === "zendesk" ? zendesk : intercom).writes().length;

    const summary = await h.runtime.runScheduled(FOLLOW_UP_CRON, Date.now() + 5 * HOUR);
    expect(summary).toMatchObject({ followUpsSent: 0, followUpsNoted: 0, skipped: { human_replied: 1 } });
    expect(side.publicMessages(id)).toHaveLength(1);
    expect((side.platform === "zendesk" ? zendesk : intercom).writes()).toHaveLength(writesBefore);
  });

  it("sends nothing once a person replied and the webhook said so (the state knows)", async () => {
    const h = harness();
    const id = await side.deliver(h, ASKS_FOR_PERSON, 2);
    await side.humanReplies(h, id);

    const summary = await h.runtime.runScheduled(FOLLOW_UP_CRON, Date.now() + 5 * HOUR);
    expect(summary).toMatchObject({ followUpsSent: 0, followUpsNoted: 0 });
    expect(side.publicMessages(id)).toHaveLength(1);
  });

  it("in draft mode, writes the note and raises the priority but sends the customer nothing", async () => {
    const h = harness("draft");
    const id = await side.deliver(h, ASKS_FOR_PERSON, 3);
    expect(side.publicMessages(id)).toHaveLength(0);

    const summary = await h.runtime.runScheduled(FOLLOW_UP_CRON, Date.now() + 5 * HOUR);
    expect(summary).toMatchObject({ followUpsSent: 0, followUpsNoted: 1 });
    expect(side.publicMessages(id)).toHaveLength(0);
    expect(side.notes(id).at(-1)).toContain("no message sent to the customer");
    if (side.platform === "zendesk") expect(side.priority(id)).toBe("high");
  });

  it("hands a ticket the assistant has handled past max_open_hours to a person, once, and counts the reason", async () => {
    const h = harness();
    const id = await side.deliver(h, ANSWERED, 4);
    expect(side.publicMessages(id)).toHaveLength(1); // the answer

    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, Date.now() + 23 * HOUR)).toMatchObject({ staleEscalated: 0 });
    const later = Date.now() + 25 * HOUR;
    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, later)).toMatchObject({ staleEscalated: 1 });
    expect(side.tags(id)).toEqual(expect.arrayContaining(["deskmate_escalated", "deskmate_reason_stale_ticket"]));
    const note = side.notes(id).at(-1) ?? "";
    expect(note).toContain("handled this ticket for too long");
    // The customer is told a person takes over, as on any autosent escalation.
    expect(side.publicMessages(id)).toHaveLength(2);

    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, later + HOUR)).toMatchObject({ staleEscalated: 0 });
    const rows = await h.decisions(side.platform, side.account);
    expect(rows.filter((r) => r.reasons.includes("stale_ticket")).map((r) => r.outcome)).toEqual(["escalate"]);

    const from = new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10);
    const to = new Date(later + 48 * HOUR).toISOString().slice(0, 10);
    // The escalation is dated in the future of the test's clock: the report is read as of then.
    const asOf = new Date(later + 2 * HOUR).toISOString();
    const response = await h.runtime.app.request(
      `/admin/metrics?platform=${side.platform}&account=${side.account}&from=${from}&to=${to}&as_of=${asOf}`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      h.env,
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const metrics = (await response.json()) as { escalation_reasons: Record<string, number> };
    expect(metrics.escalation_reasons.stale_ticket).toBe(1);
  });

  it("does not repeat the follow-up when the run stopped between sending it and recording it", async () => {
    const kv = new StoreThatStopsOnce();
    const h = harness("autosend", kv);
    const id = await side.deliver(h, ASKS_FOR_PERSON, 5);
    kv.when = () => side.publicMessages(id).includes(FOLLOW_UP_TEXT);

    const late = Date.now() + 5 * HOUR;
    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, late)).toMatchObject({ ticketsFailed: 1 });
    expect(side.publicMessages(id)).toEqual([expect.any(String), FOLLOW_UP_TEXT]);

    // The next run finds its own job unfinished: it finishes it without sending the message again.
    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, late + 15 * 60_000)).toMatchObject({ followUpsSent: 1 });
    expect(side.publicMessages(id)).toEqual([expect.any(String), FOLLOW_UP_TEXT]);
    expect(await h.runtime.runScheduled(FOLLOW_UP_CRON, late + HOUR)).toMatchObject({ followUpsSent: 0 });
    expect(side.publicMessages(id)).toHaveLength(2);
    expect(side.notes(id).filter((n) => n.includes("Deskmate follow-up"))).toHaveLength(1);
  });

  it("escalates a customer message with stale_ticket once the assistant has handled the ticket past max_open_hours", async () => {
    const h = harness();
    const id = await side.deliver(h, ANSWERED, 6);
    expect(side.publicMessages(id)).toHaveLength(1);
    await handledFor(h, side, id, 25);

    await side.customerWrites(h, id, "It still does not work, what now?");
    expect(side.tags(id)).toEqual(expect.arrayContaining(["deskmate_escalated", "deskmate_reason_stale_ticket"]));
    const rows = await h.decisions(side.platform, side.account);
    expect(rows.at(-1)).toMatchObject({ outcome: "escalate", reasons: expect.arrayContaining(["stale_ticket"]) });
  });

  it("answers a customer message as usual while the ticket is younger than max_open_hours", async () => {
    const h = harness();
    const id = await side.deliver(h, ANSWERED, 7);
    await handledFor(h, side, id, 23);

    await side.customerWrites(h, id, "It still does not work, what now?");
    expect(side.tags(id)).not.toContain("deskmate_reason_stale_ticket");
  });

  it("starts the clock again after the ticket was solved: a reopening message is handled, not stale", async () => {
    const h = harness();
    const id = await side.deliver(h, ANSWERED, 8);
    await handledFor(h, side, id, 25);
    await side.solves(h, id);

    await side.customerWrites(h, id, "It still does not work, what now?");
    expect(side.tags(id)).not.toContain("deskmate_reason_stale_ticket");
  });

  it("leaves a ticket an agent opted out of the assistant after it started", async () => {
    // The opt-out tag is one the assistant's own answer adds, so it appears only after the first decision.
    const h = createHarness({
      env: { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend", DESKMATE_OPT_OUT_TAG: "deskmate_answered" },
    });
    const id = await side.deliver(h, ANSWERED, 9);
    expect(side.tags(id)).toContain("deskmate_answered");

    const summary = await h.runtime.runScheduled(FOLLOW_UP_CRON, Date.now() + 25 * HOUR);
    expect(summary).toMatchObject({ staleEscalated: 0, skipped: { opted_out: 1 } });
    expect(side.tags(id)).not.toContain("deskmate_reason_stale_ticket");
  });
});
