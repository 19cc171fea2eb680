import { getResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HelpdeskError } from "../../src/lib/errors.ts";
import { noWrites } from "../../src/domain/plan.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { SANDBOX_OAUTH, sandboxHelpdesk } from "../support/zendesk-sandbox/sandbox-helpdesk.ts";

const sandbox = createZendeskSandbox({ oauthClient: SANDBOX_OAUTH });
const server = useMswServer(...sandbox.handlers);
const base = sandbox.baseUrl;
const ticketPath = "/api/v2/tickets/101";
const apiCalls = () =>
  sandbox.requests.filter((r) => r.path.startsWith("/api/v2/tickets/")).map((r) => `${r.method} ${r.path}`);

beforeEach(() => sandbox.reset());
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("apply", () => {
  it("sends a note with group, priority and tags as ONE safe update", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const stamp = sandbox.ticket(101).updated_at;
    const result = await helpdesk.apply("101", {
      internalNote: { htmlBody: "<p>Handoff: refund request</p>" },
      groupId: String(SANDBOX.groups.billing),
      priority: "high",
      addTags: ["deskmate_escalated", "deskmate_reason_refund"],
      removeTags: ["deskmate_off"],
    });

    expect(result).toMatchObject({ writes: 1, conflictsRetried: 0 });
    expect(apiCalls()).toEqual([`GET ${ticketPath}`, `PUT ${ticketPath}`]);
    const [update] = sandbox.writes();
    expect(update?.body).toEqual({
      ticket: {
        comment: { html_body: "<p>Handoff: refund request</p>", public: false },
        group_id: SANDBOX.groups.billing,
        priority: "high",
        additional_tags: ["deskmate_escalated", "deskmate_reason_refund"],
        remove_tags: ["deskmate_off"],
        safe_update: true,
        updated_stamp: stamp,
      },
    });

    const ticket = sandbox.ticket(101);
    expect(ticket).toMatchObject({
      group_id: SANDBOX.groups.billing,
      priority: "high",
      tags: ["deskmate_escalated", "deskmate_reason_refund"],
    });
    expect(ticket.comments.at(-1)).toMatchObject({
      public: false,
      author_id: SANDBOX.assistantId,
      html_body: "<p>Handoff: refund request</p>",
    });
  });

  it("keeps the tags an agent added meanwhile: tags are added and removed, never replaced", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await helpdesk.apply("104", { ...noWrites(), addTags: ["vip_followup"] });
    await helpdesk.apply("104", { ...noWrites(), addTags: ["deskmate_shadow"], removeTags: ["vip_followup"] });
    expect(sandbox.ticket(104).tags).toEqual(["deskmate_off", "deskmate_shadow"]);
    expect(
      sandbox.writes().every((r) => r.method !== "POST" && !(r.body as { ticket?: { tags?: unknown } }).ticket?.tags),
    ).toBe(true);
    expect(apiCalls().filter((c) => c.startsWith("GET"))).toEqual([]); // tag calls need no ticket read
  });

  it("sends a public reply with public: true, the assistant as author and status pending", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const result = await helpdesk.apply("101", {
      ...noWrites(),
      publicReply: { body: "Your refund is on its way.", status: "pending" },
    });

    expect(result).toMatchObject({ writes: 1, conflictsRetried: 0 });
    expect(sandbox.writes().map((r) => r.body)).toEqual([
      {
        ticket: {
          comment: { body: "Your refund is on its way.", public: true, author_id: SANDBOX.assistantId },
          status: "pending",
          safe_update: true,
          updated_stamp: expect.any(String),
        },
      },
    ]);
    expect(sandbox.ticket(101).status).toBe("pending");
    expect(sandbox.ticket(101).comments.at(-1)).toMatchObject({
      public: true,
      author_id: SANDBOX.assistantId,
      plain_body: "Your refund is on its way.",
    });
  });

  it("sends note and reply as two updates, the second stamped with the first answer's updated_at", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const result = await helpdesk.apply("101", {
      ...noWrites(),
      internalNote: { htmlBody: "<p>Escalated</p>" },
      groupId: String(SANDBOX.groups.tier2),
      publicReply: { body: "A specialist will take over.", status: "open" },
    });

    expect(result).toMatchObject({ writes: 2, conflictsRetried: 0 });
    expect(apiCalls()).toEqual([`GET ${ticketPath}`, `PUT ${ticketPath}`, `PUT ${ticketPath}`]);
    const [note, reply] = sandbox.writes().map((r) => (r.body as { ticket: Record<string, unknown> }).ticket);
    expect(note).toMatchObject({ comment: { public: false }, group_id: SANDBOX.groups.tier2 });
    expect(reply).toMatchObject({ comment: { public: true }, status: "open" });
    expect(reply).not.toHaveProperty("group_id");
    expect(reply?.updated_stamp).not.toBe(note?.updated_stamp);
    expect(sandbox.ticket(101).comments.map((c) => c.public)).toEqual([true, false, true]);
  });

  it("with the version the caller read: no GET before the update, and the next stamp in the result", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    const stamp = sandbox.ticket(101).updated_at;
    const result = await helpdesk.apply(
      "101",
      { internalNote: { htmlBody: "<p>Handoff</p>" }, addTags: ["deskmate_escalated"], removeTags: [] },
      { updatedStamp: stamp },
    );
    expect(apiCalls()).toEqual([`PUT ${ticketPath}`]);
    expect(result).toEqual({ writes: 1, conflictsRetried: 0, updatedStamp: sandbox.ticket(101).updated_at });
    expect(sandbox.ticket(101).tags).toContain("deskmate_escalated");
  });

  it("tags alone without a stamp use the tag endpoints, with no read", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await helpdesk.apply("101", { addTags: ["deskmate_reopened"], removeTags: ["deskmate_off"] });
    expect(apiCalls()).toEqual([`PUT ${ticketPath}/tags`, `DELETE ${ticketPath}/tags`]);
  });

  it("makes no request for empty writes", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    await expect(helpdesk.apply("101", noWrites())).resolves.toEqual({ writes: 0, conflictsRetried: 0 });
    expect(sandbox.requests).toEqual([]);
  });

  it("re-reads the ticket and retries once when a human changed it between read and write (409)", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    let interleaved = false;
    server.use(
      http.put(/\/api\/v2\/tickets\/101\.json$/, () => {
        if (!interleaved) {
          interleaved = true;
          sandbox.addComment(101, { authorId: SANDBOX.agentId, body: "Looking into it", public: false });
        }
        return undefined;
      }),
    );
    const result = await helpdesk.apply("101", { ...noWrites(), internalNote: { htmlBody: "<p>note</p>" } });

    expect(result).toMatchObject({ writes: 1, conflictsRetried: 1 });
    expect(apiCalls()).toEqual([
      `GET ${ticketPath}`,
      `PUT ${ticketPath}`,
      `GET ${ticketPath}`,
      `GET ${ticketPath}/comments`,
      `PUT ${ticketPath}`,
    ]);
    const [first, retried] = sandbox
      .writes()
      .map((r) => (r.body as { ticket: { updated_stamp: string } }).ticket.updated_stamp);
    expect(retried).not.toBe(first);
    expect(sandbox.ticket(101).comments.map((c) => c.author_id)).toEqual([1001, SANDBOX.agentId, SANDBOX.assistantId]);
  });

  it("does not post a comment twice when its first attempt landed but the answer was lost", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    let lost = false;
    server.use(
      http.put(/\/api\/v2\/tickets\/101\.json$/, async ({ request }) => {
        if (lost) return undefined;
        lost = true;
        const copy = new Request(request.url, { method: "PUT", headers: request.headers, body: await request.text() });
        await getResponse(sandbox.handlers, copy); // Zendesk applies it...
        return new Response("<html>bad gateway</html>", { status: 502 }); // ...but the answer never arrives
      }),
    );
    const result = await helpdesk.apply("101", {
      ...noWrites(),
      publicReply: { body: "Refund approved.", status: "pending" },
    });

    expect(result).toMatchObject({ writes: 1, conflictsRetried: 1 });
    expect(sleeps).toHaveLength(1);
    expect(sandbox.ticket(101).comments.filter((c) => c.author_id === SANDBOX.assistantId)).toHaveLength(1);
    expect(sandbox.writes()).toHaveLength(2); // the lost attempt and the retry that met 409; no third send
  });

  it("gives up with HelpdeskError 409 when the retried update conflicts again", async () => {
    const { helpdesk } = sandboxHelpdesk(base);
    sandbox.failNext({ method: "PUT", path: ticketPath }, [{ status: 409 }, { status: 409 }]);
    const error = await helpdesk
      .apply("101", { ...noWrites(), internalNote: { htmlBody: "<p>note</p>" }, addTags: ["deskmate_escalated"] })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HelpdeskError);
    expect(error).toMatchObject({ status: 409, code: "helpdesk_conflict", retryable: false });
    expect(apiCalls()).toEqual([
      `GET ${ticketPath}`,
      `PUT ${ticketPath}`,
      `GET ${ticketPath}`,
      `GET ${ticketPath}/comments`,
      `PUT ${ticketPath}`,
    ]);
    expect(sandbox.ticket(101).comments).toHaveLength(1);
  });

  it("waits the Retry-After of a 429, then succeeds", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    sandbox.failNext({ method: "PUT", path: ticketPath }, [{ status: 429, headers: { "Retry-After": "7" } }]);
    const result = await helpdesk.apply("101", { ...noWrites(), priority: "urgent" });
    expect(result).toMatchObject({ writes: 1, conflictsRetried: 0 });
    expect(sleeps).toEqual([7000]);
    expect(sandbox.ticket(101).priority).toBe("urgent");
  });

  it("backs off with jitter on a 429 without Retry-After, then succeeds", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    sandbox.failNext({ method: "PUT", path: `${ticketPath}/tags` }, [{ status: 429 }, { status: 429 }]);
    await helpdesk.apply("101", { ...noWrites(), addTags: ["deskmate_answered"] });
    expect(sleeps).toEqual([250, 500]); // 0.5 x 500 ms, 0.5 x 1000 ms
    expect(sandbox.ticket(101).tags).toEqual(["deskmate_answered"]);
  });

  it("retries a 500 on the write and then succeeds", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    sandbox.failNext({ method: "PUT", path: ticketPath }, [{ status: 500 }]);
    await helpdesk.apply("101", { ...noWrites(), status: "open" });
    expect(sleeps).toHaveLength(1);
    expect(sandbox.ticket(101).status).toBe("open");
  });

  it("stops after the last attempt with the helpdesk's status", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    sandbox.failNext(
      { method: "PUT", path: ticketPath },
      Array.from({ length: 4 }, () => ({ status: 503 })),
    );
    const error = await helpdesk.apply("101", { ...noWrites(), status: "open" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, retryable: true, code: "helpdesk_server_error" });
    expect(sleeps).toHaveLength(3);
  });

  it("does not retry a rejected update (422 on a closed ticket)", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    const error = await helpdesk
      .apply("105", { ...noWrites(), internalNote: { htmlBody: "<p>x</p>" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, retryable: false, code: "helpdesk_rejected" });
    expect(sleeps).toEqual([]);
    expect(sandbox.writes()).toHaveLength(1);
  });

  it("throws a non-retryable 404 for an unknown ticket", async () => {
    const { helpdesk, sleeps } = sandboxHelpdesk(base);
    const error = await helpdesk.apply("999", { ...noWrites(), priority: "low" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(sleeps).toEqual([]);
    expect(sandbox.writes()).toEqual([]);
  });
});
