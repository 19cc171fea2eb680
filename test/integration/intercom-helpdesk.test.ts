import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HelpdeskError } from "../../src/lib/errors.ts";
import { noWrites } from "../../src/domain/plan.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX as IC } from "../support/intercom-sandbox.ts";
import { sandboxIntercomHelpdesk } from "../support/intercom-sandbox/sandbox-helpdesk.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const sandbox = createIntercomSandbox({ now: () => new Date(NOW) });
const server = useMswServer(...sandbox.handlers);
const base = sandbox.baseUrl;
const setup = (overrides: Parameters<typeof sandboxIntercomHelpdesk>[1] = {}) =>
  sandboxIntercomHelpdesk(base, { now: () => NOW, ...overrides });
const paths = (from = 0) => sandbox.requests.slice(from).map((r) => `${r.method} ${r.path}`);

beforeEach(() => sandbox.reset());
// Every request the adapter sent, the retried and refused ones included, must match the Intercom 2.16 spec.
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("whoAmI and links", () => {
  it("reads GET /me once per instance with the token and the pinned Intercom-Version", async () => {
    const { helpdesk } = setup();
    const [a, b] = await Promise.all([helpdesk.whoAmI(), helpdesk.whoAmI()]);
    expect(await helpdesk.whoAmI()).toEqual({ id: IC.assistantAdminId, name: "Deskmate" });
    expect(b).toEqual(a);
    expect(paths()).toEqual(["GET /me"]);
    expect(sandbox.requests[0]?.headers).toMatchObject({
      authorization: `Bearer ${IC.accessToken}`,
      "intercom-version": "2.16",
    });
  });

  it("links to the conversation in the inbox of the workspace /me named, per region", async () => {
    const { helpdesk } = setup();
    expect(helpdesk.ticketUrl("101")).toBe("https://app.intercom.com/a/inbox/_/inbox/conversation/101");
    await helpdesk.whoAmI();
    expect(helpdesk.ticketUrl("101")).toBe(`https://app.intercom.com/a/inbox/${IC.appIdCode}/inbox/conversation/101`);
    const eu = sandboxIntercomHelpdesk("https://api.eu.intercom.io", { appIdCode: "eu42" }).helpdesk;
    expect(eu.ticketUrl("7")).toBe("https://app.eu.intercom.com/a/inbox/eu42/inbox/conversation/7");
  });

  it("is refused by Intercom without a valid token, with the fix in the message", async () => {
    const { helpdesk } = setup({ config: { accessToken: "wrong", baseUrl: base, version: "2.16" } });
    const error = await helpdesk.whoAmI().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: "helpdesk_auth", retryable: false });
    expect((error as Error).message).toContain("INTERCOM_ACCESS_TOKEN");
    expect((error as Error).message).not.toContain("wrong");
  });
});

describe("getTicketContext", () => {
  /** Holds every read for 25 ms and tracks how many were open at once. */
  function trackConcurrency() {
    const seen = { peak: 0, open: 0 };
    const hold = async () => {
      seen.open++;
      seen.peak = Math.max(seen.peak, seen.open);
      await new Promise((resolve) => setTimeout(resolve, 25));
      seen.open--;
      return undefined;
    };
    server.use(
      http.get(/^https:\/\/api\.intercom\.io\//, hold),
      http.post("https://api.intercom.io/conversations/search", hold),
    );
    return seen;
  }

  it("reads conversation, contact, tags, companies and recent conversations in one wave (known contact)", async () => {
    const { helpdesk } = setup();
    await helpdesk.whoAmI();
    const from = sandbox.requests.length;
    const concurrency = trackConcurrency();
    const context = await helpdesk.getTicketContext("101", { requesterId: IC.contacts.maria });

    expect(concurrency.peak).toBe(5);
    expect(paths(from).sort()).toEqual([
      `GET /contacts/${IC.contacts.maria}`,
      `GET /contacts/${IC.contacts.maria}/companies`,
      `GET /contacts/${IC.contacts.maria}/tags`,
      "GET /conversations/101",
      "POST /conversations/search",
    ]);
    expect(sandbox.requests.find((r) => r.path === "/conversations/101")?.query).toEqual({ display_as: "plaintext" });
    expect(sandbox.requests.find((r) => r.path === "/conversations/search")?.body).toEqual({
      query: {
        operator: "AND",
        value: [
          { field: "contact_ids", operator: "=", value: IC.contacts.maria },
          { field: "created_at", operator: ">", value: NOW / 1000 - 30 * 86_400 },
        ],
      },
      pagination: { per_page: 20 },
    });
    expect(context.ticket).toEqual({
      assignedToHuman: false,
      id: "101",
      subject: "",
      status: "open",
      priority: null,
      tags: [],
      groupId: null,
      assigneeId: null,
      requesterId: IC.contacts.maria,
      organizationId: IC.companyId,
      channel: "conversation",
      createdAt: "2026-11-23T11:50:00Z",
      updatedAt: "2026-11-23T11:50:00Z",
    });
    expect(context.comments).toEqual([
      {
        id: expect.any(String),
        authorId: IC.contacts.maria,
        authorRole: "end-user",
        isPublic: true,
        body: expect.stringMatching(/^Hi, I was charged twice.*second charge\?$/),
        createdAt: "2026-11-23T11:50:00Z",
      },
    ]);
    expect(context.requester).toEqual({
      status: "present",
      value: {
        id: IC.contacts.maria,
        name: "Maria Lopez",
        email: "maria@globex.example",
        externalId: "maria-1001",
        verified: true,
        role: "end-user",
        tags: ["vip"],
        fields: { plan: "business", customer_since: "2023-04-01", verified: true },
        createdAt: expect.stringMatching(/^2024-/),
      },
    });
    expect(context.organization).toEqual({
      status: "present",
      value: {
        id: IC.companyId,
        name: "Globex",
        tags: ["enterprise", "priority_support"],
        fields: { tier: "gold", account_manager: "Jordan", plan: "Enterprise" },
      },
    });
    // 103 is 5 days old; 105 is 60 days old; 101 itself is left out.
    expect(context.recentTickets).toEqual({
      status: "present",
      value: [{ id: "103", subject: "", status: "open", createdAt: "2026-11-18T12:00:00Z" }],
    });
    expect(context.missing).toEqual([]);
  });

  it("without a hint reads the conversation first, then the contact's pieces in parallel", async () => {
    const { helpdesk } = setup();
    await helpdesk.whoAmI();
    const from = sandbox.requests.length;
    const concurrency = trackConcurrency();
    await helpdesk.getTicketContext("102");
    expect(paths(from)[0]).toBe("GET /conversations/102");
    expect(paths(from)).toHaveLength(5);
    expect(concurrency.peak).toBe(4);
  });

  it("maps comments and notes with roles; a Fin (bot) answer is no human agent; events are no comments", async () => {
    const { helpdesk } = setup();
    const replied = await helpdesk.getTicketContext("102", { requesterId: IC.contacts.sam });
    expect(replied.comments.map((c) => [c.authorId, c.authorRole, c.isPublic])).toEqual([
      [IC.contacts.sam, "end-user", true],
      [IC.humanAdminId, "agent", true],
      [IC.contacts.sam, "end-user", true],
    ]);
    expect(replied.ticket).toMatchObject({ assigneeId: IC.humanAdminId, groupId: IC.teams.support });
    const noted = await helpdesk.getTicketContext("103");
    expect(noted.comments.at(-1)).toMatchObject({ authorId: IC.humanAdminId, authorRole: "agent", isPublic: false });
    const fin = await helpdesk.getTicketContext("106");
    expect(fin.comments.map((c) => [c.authorId, c.authorRole])).toEqual([
      [IC.contacts.sam, "end-user"],
      [IC.finBotId, "unknown"],
      [IC.contacts.sam, "end-user"],
    ]);
    await helpdesk.apply("106", { ...noWrites(), groupId: IC.teams.tier2, status: "solved" });
    expect((await helpdesk.getTicketContext("106")).comments).toHaveLength(3);
  });

  it("maps closed to solved, snoozed to hold, and 2.16 priority levels", async () => {
    const { helpdesk } = setup();
    expect((await helpdesk.getTicketContext("105")).ticket.status).toBe("solved");
    server.use(
      http.get("https://api.intercom.io/conversations/104", async ({ request }) => {
        const real = (await (await fetch(new Request(request.url.replace("/104", "/101"), request))).json()) as Record<
          string,
          unknown
        >;
        return HttpResponse.json({ ...real, id: "104", state: "snoozed", priority: "urgent" });
      }),
    );
    expect((await helpdesk.getTicketContext("104")).ticket).toMatchObject({
      id: "104",
      status: "hold",
      priority: "urgent",
    });
  });

  it("marks a contact without company not_set, unlisted; failing pieces become missing after retries", async () => {
    const { helpdesk, sleeps } = setup();
    sandbox.failNext(
      { method: "POST", path: "/conversations/search" },
      Array.from({ length: 4 }, () => ({ status: 503 })),
    );
    sandbox.failNext({ method: "GET", path: `/contacts/${IC.contacts.sam}/tags` }, [{ status: 403 }]);
    const context = await helpdesk.getTicketContext("102", { requesterId: IC.contacts.sam });
    expect(context.organization).toMatchObject({ status: "missing", reason: "not_set" });
    expect(context.recentTickets).toMatchObject({
      status: "missing",
      reason: "error",
      detail: expect.stringContaining("503"),
    });
    expect(context.requester).toMatchObject({
      status: "present",
      value: { id: IC.contacts.sam, tags: [], verified: false },
    });
    expect(context.missing).toEqual(["requester_tags", "recent_tickets"]);
    expect(sleeps).toHaveLength(3);
  });

  it("reads conversations added to the sandbox; a customer reply reopens a closed one (solved -> open)", async () => {
    const contact = sandbox.addContact("Ada Park");
    const added = sandbox.addConversation({
      contactId: contact.id,
      tags: ["billing"],
      state: "closed",
      parts: [
        { author: "user", body: "Where is my invoice?" },
        { author: "admin", body: "Sent it again.", adminId: IC.humanAdminId },
      ],
    });
    const { helpdesk } = setup();
    const before = await helpdesk.getTicketContext(added.id, { requesterId: contact.id });
    expect(before.ticket).toMatchObject({ status: "solved", tags: ["billing"], requesterId: contact.id });
    expect(before.requester).toMatchObject({
      status: "present",
      value: { name: "Ada Park", email: "ada.park@example.test", verified: false },
    });
    sandbox.addPart(added.id, { author: "user", body: "Still nothing." });
    const after = await helpdesk.getTicketContext(added.id);
    expect(after.ticket.status).toBe("open");
    expect(after.comments.map((c) => c.body)).toEqual(["Where is my invoice?", "Sent it again.", "Still nothing."]);
  });

  it("reads the real contact when the hint is not the conversation's contact", async () => {
    const { helpdesk } = setup();
    const context = await helpdesk.getTicketContext("101", { requesterId: IC.contacts.sam });
    expect(context.requester).toMatchObject({ status: "present", value: { id: IC.contacts.maria } });
    expect(paths().filter((p) => /^GET \/contacts\/[^/]+$/.test(p))).toEqual([
      `GET /contacts/${IC.contacts.sam}`,
      `GET /contacts/${IC.contacts.maria}`,
    ]);
  });

  it("throws a non-retryable 404 for an unknown conversation; rejects a malformed id without a request", async () => {
    const { helpdesk, sleeps } = setup();
    await expect(helpdesk.getTicketContext("999")).rejects.toMatchObject({
      status: 404,
      retryable: false,
      code: "helpdesk_not_found",
    });
    await expect(helpdesk.getTicketContext("../me")).rejects.toBeInstanceOf(HelpdeskError);
    expect(paths().filter((p) => p.includes("/conversations/"))).toEqual(["GET /conversations/999"]);
    expect(sleeps).toEqual([]);
  });

  it("keeps each part with a message and its author (assignment, open, close parts); notes stay internal", async () => {
    const contact = sandbox.addContact("Noor Haddad");
    const human = { author: "admin" as const, adminId: IC.humanAdminId };
    const added = sandbox.addConversation({
      contactId: contact.id,
      parts: [
        { author: "user", body: "My export is stuck at 90%." },
        // A teammate's "reply and assign" and a customer's reply to a closed conversation,
        // as real workspaces send them.
        {
          ...human,
          partType: "assignment",
          body: "Alex here, I'm moving this to our data team and checking the queue now.",
        },
        { ...human, partType: "note_and_reopen", body: "Customer is on the legacy export path." },
        { ...human, partType: "close", body: "The export finished, the file is in your inbox." },
        { author: "user", partType: "open", body: "It is empty, can you look again?" },
        { ...human, partType: "assignment", body: "" },
        { author: "bot", partType: "conversation_attribute_updated_by_admin", body: "" },
        { ...human, note: true, body: "Escalating to tier 2." },
      ],
    });
    const { helpdesk } = setup();
    const context = await helpdesk.getTicketContext(added.id, { requesterId: contact.id });
    expect(context.comments.map((c) => [c.authorId, c.authorRole, c.isPublic, c.body])).toEqual([
      [contact.id, "end-user", true, "My export is stuck at 90%."],
      [IC.humanAdminId, "agent", true, "Alex here, I'm moving this to our data team and checking the queue now."],
      [IC.humanAdminId, "agent", false, "Customer is on the legacy export path."],
      [IC.humanAdminId, "agent", true, "The export finished, the file is in your inbox."],
      [contact.id, "end-user", true, "It is empty, can you look again?"],
      [IC.humanAdminId, "agent", false, "Escalating to tier 2."],
    ]);
    const partIds = sandbox.conversation(added.id).parts.map((p) => p.id);
    expect(context.comments.map((c) => c.id)).toEqual([
      partIds[0],
      partIds[1],
      partIds[2],
      partIds[3],
      partIds[4],
      partIds[7],
    ]);
  });

  it("waits until X-RateLimit-Reset on a 429, then succeeds; backs off with jitter on a 5xx", async () => {
    const { helpdesk, sleeps } = setup();
    sandbox.failNext({ method: "GET", path: "/conversations/101" }, [
      { status: 429, headers: { "X-RateLimit-Reset": String(NOW / 1000 + 3) } },
      { status: 502 },
    ]);
    expect((await helpdesk.getTicketContext("101")).ticket.id).toBe("101");
    expect(sleeps).toEqual([3000, 500]); // the reset is 3 s away; then full jitter 0.5 * (500 ms * 2)
    expect(paths().filter((p) => p === "GET /conversations/101")).toHaveLength(3);
  });
});
