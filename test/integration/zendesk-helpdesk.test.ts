import { http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HelpdeskError } from "../../src/lib/errors.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { SANDBOX_OAUTH, sandboxHelpdesk } from "../support/zendesk-sandbox/sandbox-helpdesk.ts";

const sandbox = createZendeskSandbox({ oauthClient: SANDBOX_OAUTH });
const server = useMswServer(...sandbox.handlers);
const base = sandbox.baseUrl;
const tokenRequests = () => sandbox.requests.filter((r) => r.path === "/oauth/tokens");
const apiRequests = () => sandbox.requests.filter((r) => r.path.startsWith("/api/"));

beforeEach(() => sandbox.reset());
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("authentication", () => {
  it("fetches one OAuth token with the client-credentials grant and reuses it", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await Promise.all([helpdesk.whoAmI(), helpdesk.getTicketContext("101")]);
    await helpdesk.getTicketContext("102", { requesterId: "1002" });

    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]?.body).toEqual({
      grant_type: "client_credentials",
      client_id: SANDBOX_OAUTH.clientId,
      client_secret: SANDBOX_OAUTH.clientSecret,
      scope: "read write",
    });
    const auth = new Set(apiRequests().map((r) => r.headers.authorization));
    expect([...auth]).toEqual([expect.stringMatching(/^Bearer sandbox-token-\d+$/)]);
    expect(apiRequests().every((r) => r.headers["user-agent"] === "Deskmate/0.1")).toBe(true);
  });

  it("gets a new token shortly before the old one expires (injected clock)", async () => {
    let now = Date.now();
    const { helpdesk } = sandboxHelpdesk(base, { now: () => now });
    await helpdesk.getTicketContext("101");
    now += 1800_000 - 61_000; // still outside the 60 s margin
    await helpdesk.getTicketContext("101");
    expect(tokenRequests()).toHaveLength(1);
    now += 2_000; // inside the margin
    await helpdesk.getTicketContext("101");

    expect(tokenRequests()).toHaveLength(2);
    const tokens = apiRequests().map((r) => r.headers.authorization);
    expect(new Set(tokens).size).toBe(2);
    expect(tokens.at(-1)).not.toBe(tokens[0]);
  });

  it("assumes 30 minutes when the token answer has no expires_in", async () => {
    const local = createZendeskSandbox({ baseUrl: "https://noexpiry.zendesk.com", tokenExpiresInSeconds: null });
    server.use(...local.handlers);
    let now = Date.now();
    const { helpdesk } = sandboxHelpdesk(local.baseUrl, { now: () => now });
    await helpdesk.whoAmI();
    now += 25 * 60_000;
    await helpdesk.getAppInstallationSettings("1");
    now += 5 * 60_000;
    await helpdesk.getAppInstallationSettings("1");
    expect(local.requests.filter((r) => r.path === "/oauth/tokens")).toHaveLength(2);
    expectRequestsMatchSpec(local.requests);
  });

  it("refetches the token once when Zendesk answers 401 to it", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    sandbox.failNext({ method: "GET", path: "/api/v2/users/me" }, [
      { status: 401, body: { error: "Couldn't authenticate you" } },
    ]);
    await expect(helpdesk.whoAmI()).resolves.toEqual({ id: "900", name: "Deskmate" });
    expect(tokenRequests()).toHaveLength(2);
  });

  it("reports refused client credentials with the fix and without the secret", async () => {
    const { helpdesk } = sandboxHelpdesk(base, {
      auth: { kind: "oauth", clientId: SANDBOX_OAUTH.clientId, clientSecret: "wrong-secret" },
    });
    const error = await helpdesk.whoAmI().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskError);
    expect(error).toMatchObject({ operation: "oauth_token", status: 401, code: "helpdesk_auth", retryable: false });
    expect((error as Error).message).toContain("confidential");
    expect((error as Error).message).not.toContain("wrong-secret");
    expect(apiRequests()).toHaveLength(0);
  });

  it("sends Basic auth for a legacy API token and never asks for an OAuth token", async () => {
    const { helpdesk } = sandboxHelpdesk(base, {
      auth: { kind: "token", email: "agent@acme.example", apiToken: "legacy-token" },
    });
    await helpdesk.whoAmI();
    expect(tokenRequests()).toHaveLength(0);
    expect(apiRequests()[0]?.headers.authorization).toBe(`Basic ${btoa("agent@acme.example/token:legacy-token")}`);
  });
});

describe("whoAmI", () => {
  it("reads /users/me once per instance, shared by concurrent callers", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const [a, b] = await Promise.all([helpdesk.whoAmI(), helpdesk.whoAmI()]);
    const c = await helpdesk.whoAmI();
    expect(a).toEqual({ id: String(SANDBOX.assistantId), name: "Deskmate" });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(sandbox.requests.filter((r) => r.path === "/api/v2/users/me")).toHaveLength(1);
  });
});

describe("getTicketContext", () => {
  /** Holds every API read for 25 ms and tracks how many were open at once. */
  function trackConcurrency() {
    const seen = { peak: 0, open: 0 };
    server.use(
      http.get(/^https:\/\/acme\.zendesk\.com\/api\/v2\//, async () => {
        seen.open++;
        seen.peak = Math.max(seen.peak, seen.open);
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen.open--;
        return undefined;
      }),
    );
    return seen;
  }

  it("reads everything in one parallel wave when the event names the requester and organization", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await helpdesk.whoAmI(); // token out of the way
    const from = sandbox.requests.length;
    const concurrency = trackConcurrency();
    const context = await helpdesk.getTicketContext("101", { requesterId: "1001", organizationId: "5001" });

    // Requester and organization come side-loaded with the ticket: three reads, all at once.
    expect(concurrency.peak).toBe(3);
    const reads = sandbox.requests.slice(from);
    expect(reads.map((r) => r.path).sort()).toEqual([
      "/api/v2/search",
      "/api/v2/tickets/101",
      "/api/v2/tickets/101/comments",
    ]);
    expect(reads.find((r) => r.path === "/api/v2/tickets/101")?.query).toEqual({ include: "users,organizations" });
    expect(context.reads).toBe(3);
    const comments = reads.find((r) => r.path.endsWith("/comments"));
    expect(comments?.query).toMatchObject({ include: "users" });
    const search = reads.find((r) => r.path === "/api/v2/search");
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    expect(search?.query.query).toBe(`type:ticket requester_id:1001 created>${since}`);

    expect(context.ticket).toEqual({
      id: "101",
      subject: "Refund for a double charge",
      status: "new",
      priority: null,
      tags: [],
      groupId: null,
      assigneeId: null,
      requesterId: "1001",
      organizationId: "5001",
      channel: "web",
      createdAt: sandbox.ticket(101).created_at,
      updatedAt: sandbox.ticket(101).updated_at,
    });
    expect(context.comments).toEqual([
      expect.objectContaining({
        authorId: "1001",
        authorRole: "end-user",
        isPublic: true,
        body: expect.stringContaining("refund"),
      }),
    ]);
    expect(context.requester).toEqual({
      status: "present",
      value: expect.objectContaining({
        id: "1001",
        name: "Maria Lopez",
        email: "maria@globex.example",
        verified: true,
        role: "end-user",
        tags: ["vip"],
        fields: { plan: "business", customer_since: "2023-04-01" },
      }),
    });
    expect(context.organization).toEqual({
      status: "present",
      value: {
        id: "5001",
        name: "Globex",
        tags: ["enterprise", "priority_support"],
        fields: { tier: "gold", account_manager: "Jordan" },
      },
    });
    // 103 is recent; 105 is 60 days old; 101 itself is excluded.
    expect(context.recentTickets).toEqual({
      status: "present",
      value: [
        { id: "103", subject: "Invoice address change", status: "open", createdAt: sandbox.ticket(103).created_at },
      ],
    });
    expect(context.missing).toEqual([]);
  });

  it("without hints reads the ticket (and its comments) first, then the recent tickets", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await helpdesk.whoAmI();
    const from = sandbox.requests.length;
    const concurrency = trackConcurrency();
    await helpdesk.getTicketContext("101");
    const reads = sandbox.requests.slice(from);
    expect(concurrency.peak).toBe(2);
    expect(
      reads
        .slice(0, 2)
        .map((r) => r.path)
        .sort(),
    ).toEqual(["/api/v2/tickets/101", "/api/v2/tickets/101/comments"]);
    expect(reads.map((r) => r.path)).toHaveLength(3);
  });

  it("maps agent comments and internal notes with the author's role", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const replied = await helpdesk.getTicketContext("102", { requesterId: "1002" });
    expect(replied.comments.map((c) => [c.authorId, c.authorRole, c.isPublic])).toEqual([
      ["1002", "end-user", true],
      ["901", "agent", true],
      ["1002", "end-user", true],
    ]);
    const noted = await helpdesk.getTicketContext("103");
    expect(noted.comments.at(-1)).toMatchObject({ authorId: "901", authorRole: "agent", isPublic: false });
  });

  it("marks an organization the ticket does not have as not_set, without listing it as missing", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const context = await helpdesk.getTicketContext("102", { requesterId: "1002" });
    expect(context.organization).toMatchObject({ status: "missing", reason: "not_set" });
    expect(context.missing).toEqual([]);
    expect(sandbox.requests.some((r) => r.path.startsWith("/api/v2/organizations"))).toBe(false);
  });

  it("turns a forbidden organization and a failing search into missing pieces", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    // A side-load without the organization (as for an agent who may not see it): read on its own, 403.
    const { comments: _comments, ...ticket } = sandbox.ticket(101);
    sandbox.failNext({ method: "GET", path: "/api/v2/tickets/101" }, [{ status: 200, body: { ticket, users: [] } }]);
    sandbox.failNext({ method: "GET", path: "/api/v2/organizations/5001" }, [{ status: 403 }]);
    sandbox.failNext(
      { method: "GET", path: "/api/v2/search" },
      Array.from({ length: 4 }, () => ({ status: 500 })),
    );
    const context = await helpdesk.getTicketContext("101", { requesterId: "1001" });

    expect(context.organization).toMatchObject({ status: "missing", reason: "forbidden" });
    expect(context.recentTickets).toMatchObject({
      status: "missing",
      reason: "error",
      detail: expect.stringContaining("500"),
    });
    expect(context.requester.status).toBe("present");
    expect(context.missing).toEqual(["organization", "recent_tickets"]);
    expect(sandbox.requests.filter((r) => r.path === "/api/v2/search")).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it("searches the real requester's tickets when the hint disagrees with the ticket", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const context = await helpdesk.getTicketContext("101", { requesterId: "1002" });
    expect(context.requester).toMatchObject({ status: "present", value: { id: "1001" } });
    // The requester comes side-loaded; the recent tickets are searched again for the real requester.
    expect(sandbox.requests.filter((r) => r.path.startsWith("/api/v2/users/"))).toEqual([]);
    expect(
      sandbox.requests.filter((r) => r.path === "/api/v2/search").map((r) => r.query.query?.split(" ")[1]),
    ).toEqual(["requester_id:1002", "requester_id:1001"]);
  });

  it("follows comment pages newest first and returns them oldest first", async () => {
    for (let i = 1; i <= 150; i++) sandbox.addComment(101, { authorId: i % 2 ? 1001 : 901, body: `message ${i}` });
    const { helpdesk } = sandboxHelpdesk(base);
    const context = await helpdesk.getTicketContext("101");
    expect(context.comments).toHaveLength(151);
    expect(context.comments.at(-1)?.body).toBe("message 150");
    expect(context.comments[1]?.body).toBe("message 1");
    const pages = sandbox.requests.filter((r) => r.path === "/api/v2/tickets/101/comments");
    expect(pages.map((r) => r.query["page[after]"] === undefined)).toEqual([true, false]);
  });

  it("throws a non-retryable HelpdeskError 404 for a ticket that does not exist, without retrying", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    const error = await helpdesk.getTicketContext("999", { requesterId: "1001" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskError);
    expect(error).toMatchObject({ status: 404, retryable: false, code: "helpdesk_not_found" });
    expect(sandbox.requests.filter((r) => r.path === "/api/v2/tickets/999")).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("retries a 500 on the ticket read and then succeeds", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    sandbox.failNext({ method: "GET", path: "/api/v2/tickets/101" }, [{ status: 500 }]);
    const context = await helpdesk.getTicketContext("101");
    expect(context.ticket.id).toBe("101");
    expect(sleeps).toEqual([250]); // full jitter: 0.5 * 500 ms
    expect(sandbox.requests.filter((r) => r.path === "/api/v2/tickets/101")).toHaveLength(2);
  });
});

describe("getAppInstallationSettings", () => {
  it("returns the settings of this app's installation, or null when it is not installed", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await expect(helpdesk.getAppInstallationSettings(String(SANDBOX.appId))).resolves.toMatchObject({
      mode: "shadow",
      tag_prefix: "deskmate_",
    });
    await expect(helpdesk.getAppInstallationSettings("999")).resolves.toBeNull();
    sandbox.setAppInstallation(SANDBOX.appId, null);
    await expect(helpdesk.getAppInstallationSettings(String(SANDBOX.appId))).resolves.toBeNull();
  });
});

describe("ticketUrl", () => {
  it("links to the agent interface of the account", () => {
    const { helpdesk } = sandboxHelpdesk(base);
    expect(helpdesk.ticketUrl("101")).toBe("https://acme.zendesk.com/agent/tickets/101");
  });
});
