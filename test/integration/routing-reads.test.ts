import { describe, expect, it } from "vitest";
import { noWrites } from "../../src/domain/plan.ts";
import { INTERCOM_SANDBOX as IC } from "../support/intercom-sandbox.ts";
import { sandboxIntercomHelpdesk } from "../support/intercom-sandbox/sandbox-helpdesk.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";
import { sandboxHelpdesk } from "../support/zendesk-sandbox/sandbox-helpdesk.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";

/**
 * The Helpdesk port's routing reads (last solved ticket, agent, open escalations, group name) and the
 * assignee write, on both adapters against the sandboxes; every request must match the vendor spec.
 */
const NOW = Date.parse("2026-12-07T10:00:00Z");
const { zendesk, intercom } = useBothHelpdesks({ now: () => new Date(NOW) });

const zd = () => sandboxHelpdesk(zendesk.baseUrl, { now: () => NOW }).helpdesk;
const ic = () => sandboxIntercomHelpdesk(intercom.baseUrl, { now: () => NOW }).helpdesk;

describe("Zendesk routing reads", () => {
  it("the requester's most recent solved or closed ticket and who solved it, this ticket excluded", async () => {
    zendesk.addTicket({
      id: 4412,
      subject: "Invoice address",
      requesterId: SANDBOX.customerWithOrgId,
      status: "solved",
      assigneeId: SANDBOX.agentId,
      comments: [{ authorId: SANDBOX.customerWithOrgId, body: "Please fix the address." }],
    });
    expect(await zd().lastSolvedTicket(String(SANDBOX.customerWithOrgId), "101")).toMatchObject({
      id: "4412",
      assigneeId: String(SANDBOX.agentId),
    });
    expect(await zd().lastSolvedTicket(String(SANDBOX.customerWithOrgId), "4412")).toMatchObject({
      id: "105",
      assigneeId: String(SANDBOX.agentId),
    });
    expect(await zd().lastSolvedTicket(String(SANDBOX.customerWithoutOrgId), "102")).toBeNull();
    expect(zendesk.requests.map((r) => r.query.query)).toContain(
      `type:ticket requester_id:${SANDBOX.customerWithOrgId} status>hold`,
    );
  });

  it("an agent's name, groups and away status (suspended) in one request", async () => {
    expect(await zd().agentProfile(String(SANDBOX.agentId))).toEqual({
      id: "901",
      name: "Dana Rivera",
      groupIds: ["2001", "2002"],
      away: false,
    });
    zendesk.setAgent(SANDBOX.agentId, { suspended: true, groupIds: [2003] });
    expect(await zd().agentProfile(String(SANDBOX.agentId))).toMatchObject({ groupIds: ["2003"], away: true });
    expect(zendesk.requests.map((r) => `${r.method} ${r.path} ${r.query.include}`)).toEqual([
      "POST /oauth/tokens undefined",
      "GET /api/v2/users/901 groups",
      "POST /oauth/tokens undefined",
      "GET /api/v2/users/901 groups",
    ]);
  });

  it("an end user is not an agent: the read fails instead of routing to a customer", async () => {
    await expect(zd().agentProfile(String(SANDBOX.customerWithOrgId))).rejects.toThrow(/not an agent/);
  });

  it("counts the agent's unsolved tickets carrying the escalation tag", async () => {
    const escalated = (id: number, status: "open" | "solved") =>
      zendesk.addTicket({
        id,
        subject: `Escalated ${id}`,
        requesterId: SANDBOX.customerWithoutOrgId,
        status,
        assigneeId: SANDBOX.agentId,
        tags: ["deskmate_escalated"],
        comments: [{ authorId: SANDBOX.customerWithoutOrgId, body: "help" }],
      });
    escalated(5001, "open");
    escalated(5002, "open");
    escalated(5003, "solved");
    expect(await zd().openEscalationCount(String(SANDBOX.agentId), "deskmate_escalated")).toBe(2);
    expect(await zd().openEscalationCount(String(SANDBOX.assistantId), "deskmate_escalated")).toBe(0);
  });

  it("a group's name, or null for a group Zendesk does not know", async () => {
    expect(await zd().groupName("2002")).toBe("Billing");
    expect(await zd().groupName("9999")).toBeNull();
  });

  it("writes the assignee in the same safe update as the group", async () => {
    await zd().apply("101", {
      ...noWrites(),
      internalNote: { htmlBody: "<p>handoff</p>" },
      groupId: "2002",
      assigneeId: "901",
    });
    const updates = zendesk.writes().filter((w) => w.method === "PUT" && w.path === "/api/v2/tickets/101");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toMatchObject({ ticket: { group_id: 2002, assignee_id: 901, safe_update: true } });
    expect(zendesk.ticket(101)).toMatchObject({ group_id: 2002, assignee_id: 901 });
  });
});

describe("Intercom routing reads", () => {
  it("the contact's most recent closed conversation and its admin, this conversation excluded", async () => {
    const newer = intercom.addConversation({
      contactId: IC.contacts.maria,
      state: "closed",
      adminAssigneeId: "901",
      parts: [{ author: "user", body: "Wrong invoice address" }],
    });
    expect(await ic().lastSolvedTicket(IC.contacts.maria, "101")).toMatchObject({ id: newer.id, assigneeId: "901" });
    expect(await ic().lastSolvedTicket(IC.contacts.maria, newer.id)).toMatchObject({ id: "105", assigneeId: "901" });
    expect(await ic().lastSolvedTicket(IC.contacts.lee, "104")).toBeNull();
  });

  it("an admin's name, teams and away mode", async () => {
    expect(await ic().agentProfile("901")).toEqual({
      id: "901",
      name: expect.any(String),
      groupIds: [IC.teams.support, IC.teams.billing],
      away: false,
    });
    intercom.setAdmin("901", { away: true });
    expect(await ic().agentProfile("901")).toMatchObject({ away: true });
  });

  it("counts the admin's open conversations with the escalation tag, without creating the tag", async () => {
    expect(await ic().openEscalationCount("901", "deskmate_escalated")).toBe(0);
    expect(intercom.writes()).toEqual([]);
    const helpdesk = ic();
    // Two escalations assigned to 901, one of them closed since.
    for (const id of ["101", "103"]) {
      await helpdesk.apply(id, { ...noWrites(), addTags: ["deskmate_escalated"], assigneeId: "901" });
    }
    intercom.close("103");
    expect(await ic().openEscalationCount("901", "deskmate_escalated")).toBe(1);
  });

  it("a team's name, or null for a team Intercom does not know", async () => {
    expect(await ic().groupName(IC.teams.billing)).toBe("Billing");
    expect(await ic().groupName("9999")).toBeNull();
  });

  it("assigns the admin after the team, keeping the team", async () => {
    await ic().apply("101", { ...noWrites(), groupId: IC.teams.billing, assigneeId: "901" });
    expect(intercom.writes().map((w) => w.body)).toEqual([
      { message_type: "assignment", type: "team", admin_id: "900", assignee_id: IC.teams.billing },
      { message_type: "assignment", type: "admin", admin_id: "900", assignee_id: "901" },
    ]);
    expect(intercom.conversation("101")).toMatchObject({ teamAssigneeId: IC.teams.billing, adminAssigneeId: "901" });
  });
});
