import { describe, expect, it } from "vitest";
import { INTERCOM_SANDBOX as IC } from "../support/intercom-sandbox.ts";
import { userCreated } from "../support/intercom-events.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";

/**
 * Routing to the right person, through the real worker on both platforms: signed webhooks in, the
 * escalation (no model key: every message escalates with the handoff built from the ticket) routed by
 * language and continuity, the group, assignee and note checked in the helpdesk sandboxes.
 */
const { zendesk, intercom } = useBothHelpdesks();

const SPANISH_GROUP = 2004;
const BILLING = 2002;
const DANA = 901;
const SPANISH_MESSAGE = "Me cobraron dos veces este mes.";

interface Stage {
  /** The customer's language in the helpdesk. */
  language?: string;
  /** The message the customer writes (Spanish unless given). */
  message?: string;
  /** Who solved the customer's previous ticket (a solved/closed ticket assigned to them). */
  solvedBy?: "dana" | "alex";
  danaAway?: boolean;
  /** Open escalations Dana already holds. */
  danaOpenEscalations?: number;
  /** The helpdesk refuses to show Dana (a read that fails). */
  danaUnreadable?: boolean;
  env?: Record<string, string>;
}

interface Routed {
  groupId: string | null;
  assigneeId: string | null;
  note: string;
  previousTicketId: string | null;
}

const BASE_ENV = { DESKMATE_FALLBACK_GROUP_ID: String(BILLING) };

async function onZendesk(stage: Stage): Promise<Routed> {
  zendesk.addGroup(SPANISH_GROUP, "Soporte ES");
  const alex = zendesk.addAgent("Alex Kim", [2001]);
  const customer = zendesk.addCustomer("Ana Ruiz", stage.language ? { locale: stage.language } : {});
  const previous = stage.solvedBy
    ? zendesk.addTicket({
        subject: "Invoice address",
        requesterId: customer.id,
        status: "solved",
        assigneeId: stage.solvedBy === "dana" ? DANA : alex.id,
        comments: [{ authorId: customer.id, body: "Please fix my invoice address." }],
      })
    : null;
  if (stage.danaAway) zendesk.setAgent(DANA, { suspended: true });
  if (stage.danaUnreadable) zendesk.failNext({ method: "GET", path: `/api/v2/users/${DANA}` }, [{ status: 403 }]);
  for (let i = 0; i < (stage.danaOpenEscalations ?? 0); i++) {
    zendesk.addTicket({
      subject: `Escalated ${i}`,
      requesterId: SANDBOX.customerWithoutOrgId,
      status: "open",
      assigneeId: DANA,
      tags: ["deskmate_escalated"],
      comments: [{ authorId: SANDBOX.customerWithoutOrgId, body: "Still waiting." }],
    });
  }
  const ticket = zendesk.addTicket({
    subject: "Necesito ayuda",
    requesterId: customer.id,
    comments: [{ authorId: customer.id, body: stage.message ?? SPANISH_MESSAGE }],
  });
  const h = createHarness({ env: { ...BASE_ENV, ...stage.env } });
  await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }));
  expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
  const after = zendesk.ticket(ticket.id);
  const note = after.comments.find((c) => !c.public && c.author_id === SANDBOX.assistantId)?.html_body ?? "";
  return {
    groupId: after.group_id === null ? null : String(after.group_id),
    assigneeId: after.assignee_id === null ? null : String(after.assignee_id),
    note,
    previousTicketId: previous ? String(previous.id) : null,
  };
}

async function onIntercom(stage: Stage): Promise<Routed> {
  intercom.addTeam(String(SPANISH_GROUP), "Soporte ES");
  const alex = intercom.addAdmin("Alex Kim", [IC.teams.support]);
  const customer = intercom.addContact("Ana Ruiz", stage.language ? { language: stage.language } : {});
  const previous = stage.solvedBy
    ? intercom.addConversation({
        contactId: customer.id,
        state: "closed",
        adminAssigneeId: stage.solvedBy === "dana" ? String(DANA) : alex.id,
        parts: [{ author: "user", body: "Please fix my invoice address." }],
      })
    : null;
  if (stage.danaAway) intercom.setAdmin(String(DANA), { away: true });
  if (stage.danaUnreadable) intercom.failNext({ method: "GET", path: `/admins/${DANA}` }, [{ status: 403 }]);
  for (let i = 0; i < (stage.danaOpenEscalations ?? 0); i++) {
    intercom.addConversation({
      contactId: IC.contacts.sam,
      adminAssigneeId: String(DANA),
      tags: ["deskmate_escalated"],
      parts: [{ author: "user", body: "Still waiting." }],
    });
  }
  const conversation = intercom.addConversation({
    contactId: customer.id,
    parts: [{ author: "user", body: stage.message ?? SPANISH_MESSAGE }],
  });
  const h = createHarness({ env: { ...BASE_ENV, ...stage.env } });
  await h.deliverIntercom(userCreated({ id: conversation.id, contactId: customer.id }));
  expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
  const after = intercom.conversation(conversation.id);
  const note = after.parts.find((p) => p.partType === "note" && p.authorId === IC.assistantAdminId)?.bodyHtml ?? "";
  return {
    groupId: after.teamAssigneeId,
    assigneeId: after.adminAssigneeId,
    note,
    previousTicketId: previous ? previous.id : null,
  };
}

describe.each([
  { platform: "zendesk", run: onZendesk },
  { platform: "intercom", run: onIntercom },
])("routing to the right person on $platform", ({ run }) => {
  it("a Spanish customer lands in the Spanish group, and the note says why", async () => {
    const routed = await run({ language: "es", env: { DESKMATE_GROUP_BY_LOCALE: `es=${SPANISH_GROUP}` } });
    expect(routed.groupId).toBe(String(SPANISH_GROUP));
    expect(routed.assigneeId).toBeNull();
    expect(routed.note).toContain(
      "Routed to Soporte ES — language es; no agent assigned: no earlier solved ticket with an agent",
    );
  });

  it("a customer whose language has no group stays with today's group", async () => {
    const routed = await run({
      language: "de",
      message: "Sie haben mir diesen Monat zweimal die Rechnung berechnet.",
      env: { DESKMATE_GROUP_BY_LOCALE: `es=${SPANISH_GROUP}` },
    });
    expect(routed.groupId).toBe(String(BILLING));
    expect(routed.note).toContain("Routed to Billing — fallback group");
  });

  it("the message's language beats a stored locale: a German-locale customer writing Spanish", async () => {
    const routed = await run({ language: "de", env: { DESKMATE_GROUP_BY_LOCALE: `es=${SPANISH_GROUP}` } });
    expect(routed.groupId).toBe(String(SPANISH_GROUP));
    expect(routed.note).toContain("Routed to Soporte ES — language es");
  });

  it("continuity: the agent who solved the customer's previous ticket is assigned", async () => {
    const routed = await run({ solvedBy: "dana" });
    expect(routed.groupId).toBe(String(BILLING));
    expect(routed.assigneeId).toBe(String(DANA));
    expect(routed.note).toContain(
      `Routed to Billing — fallback group; assigned to Dana Rivera, who solved #${routed.previousTicketId} today`,
    );
  });

  it("continuity: not when that agent is away", async () => {
    const routed = await run({ solvedBy: "dana", danaAway: true });
    expect(routed.groupId).toBe(String(BILLING));
    expect(routed.assigneeId).toBeNull();
    expect(routed.note).toContain(`no agent assigned: Dana Rivera (solved #${routed.previousTicketId}) is away`);
  });

  it("continuity: not when that agent is at the open-escalation limit", async () => {
    const routed = await run({
      solvedBy: "dana",
      danaOpenEscalations: 2,
      env: { DESKMATE_MAX_OPEN_ESCALATIONS_PER_AGENT: "2" },
    });
    expect(routed.assigneeId).toBeNull();
    expect(routed.note).toContain(
      `no agent assigned: Dana Rivera (solved #${routed.previousTicketId}) holds 2 open escalations (limit 2)`,
    );
  });

  it("continuity: one under the limit still assigns", async () => {
    const routed = await run({
      solvedBy: "dana",
      danaOpenEscalations: 1,
      env: { DESKMATE_MAX_OPEN_ESCALATIONS_PER_AGENT: "2" },
    });
    expect(routed.assigneeId).toBe(String(DANA));
  });

  it("continuity: not when that agent is outside the target group", async () => {
    const routed = await run({ solvedBy: "alex" });
    expect(routed.groupId).toBe(String(BILLING));
    expect(routed.assigneeId).toBeNull();
    expect(routed.note).toContain(`no agent assigned: Alex Kim (solved #${routed.previousTicketId}) is not in Billing`);
  });

  it("a read that fails assigns nobody, keeps the group and says the agent could not be checked", async () => {
    const routed = await run({ solvedBy: "dana", danaUnreadable: true });
    expect(routed.groupId).toBe(String(BILLING));
    expect(routed.assigneeId).toBeNull();
    expect(routed.note).toContain(
      `no agent assigned: agent ${DANA} (solved #${routed.previousTicketId}) could not be checked`,
    );
  });

  it("continuity off: the group only, nothing read about agents", async () => {
    const routed = await run({ solvedBy: "dana", env: { DESKMATE_ROUTING_CONTINUITY: "false" } });
    expect(routed.assigneeId).toBeNull();
    expect(routed.note).toContain("Routed to Billing — fallback group</");
  });
});

describe("routing: a VIP goes to the senior group on both platforms", () => {
  const env = { DESKMATE_VIP_TAGS: "vip", DESKMATE_VIP_GROUP_ID: "2003", DESKMATE_GROUP_BY_LOCALE: "en=2001" };
  it("Zendesk: Maria (tagged vip) lands in Tier 2; her last solver is not in it", async () => {
    const h = createHarness({ env });
    await h.deliver(
      ticketCreated({ id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId }),
    );
    const after = zendesk.ticket(101);
    expect(after).toMatchObject({ group_id: 2003, assignee_id: null });
    const note = after.comments.find((c) => !c.public)?.html_body ?? "";
    expect(note).toContain(
      "Routed to Tier 2 — VIP customer; no agent assigned: Dana Rivera (solved #105) is not in Tier 2",
    );
  });
  it("Intercom: Maria (tagged vip) lands in Tier 2; her last solver is not in it", async () => {
    const h = createHarness({ env });
    await h.deliverIntercom(userCreated({ id: IC.conversations.newRefund, contactId: IC.contacts.maria }));
    const after = intercom.conversation(IC.conversations.newRefund);
    expect(after).toMatchObject({ teamAssigneeId: IC.teams.tier2, adminAssigneeId: null });
    const note = after.parts.find((p) => p.partType === "note")?.bodyHtml ?? "";
    expect(note).toContain(
      "Routed to Tier 2 — VIP customer; no agent assigned: Dana Rivera (solved #105) is not in Tier 2",
    );
  });
});

describe("routing: nothing configured", () => {
  it("no group mapping: no routing reads, no routing line (today's behaviour)", async () => {
    const customer = zendesk.addCustomer("Ana Ruiz", { locale: "es" });
    const ticket = zendesk.addTicket({
      subject: "Necesito ayuda",
      requesterId: customer.id,
      comments: [{ authorId: customer.id, body: "Me cobraron dos veces este mes." }],
    });
    const h = createHarness();
    await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }));
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
    const paths = zendesk.requests.map((r) => r.path);
    expect(paths).not.toContain("/api/v2/search/count");
    expect(paths.filter((p) => p.startsWith("/api/v2/groups/"))).toEqual([]);
    const note = zendesk.ticket(ticket.id).comments.find((c) => !c.public)?.html_body ?? "";
    expect(note).not.toContain("Routed to");
    expect(zendesk.ticket(ticket.id)).toMatchObject({ group_id: null, assignee_id: null });
  });
});

describe("routing: group names and agents are cached in the state store", () => {
  it("two escalations to the same group read its name and the agent once", async () => {
    const h = createHarness({ env: BASE_ENV });
    for (const name of ["Ana Ruiz", "Bea Soto"]) {
      const customer = zendesk.addCustomer(name);
      zendesk.addTicket({
        subject: "Earlier question",
        requesterId: customer.id,
        status: "solved",
        assigneeId: DANA,
        comments: [{ authorId: customer.id, body: "Thanks!" }],
      });
      const ticket = zendesk.addTicket({
        subject: "Charged twice",
        requesterId: customer.id,
        comments: [{ authorId: customer.id, body: "I was charged twice." }],
      });
      await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }));
      expect(zendesk.ticket(ticket.id)).toMatchObject({ group_id: BILLING, assignee_id: DANA });
    }
    const reads = zendesk.requests.map((r) => r.path);
    expect(reads.filter((p) => p === `/api/v2/groups/${BILLING}`)).toHaveLength(1);
    expect(reads.filter((p) => p === `/api/v2/users/${DANA}`)).toHaveLength(1);
    // The open-escalation count is live: one per escalation.
    expect(reads.filter((p) => p === "/api/v2/search/count")).toHaveLength(2);
  });
});
