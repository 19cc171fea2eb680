import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { noWrites } from "../../src/domain/plan.ts";
import { TagIdCache } from "../../src/platforms/intercom/tag-id-cache.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX as IC } from "../support/intercom-sandbox.ts";
import { sandboxIntercomHelpdesk } from "../support/intercom-sandbox/sandbox-helpdesk.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";

const NOW = Date.parse("2026-11-23T12:00:00Z");
const sandbox = createIntercomSandbox({ now: () => new Date(NOW) });
const server = useMswServer(...sandbox.handlers);
const setup = (overrides: Parameters<typeof sandboxIntercomHelpdesk>[1] = {}) =>
  sandboxIntercomHelpdesk(sandbox.baseUrl, { now: () => NOW, ...overrides });
const paths = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);

beforeEach(() => sandbox.reset());
// Every request the adapter sent, the retried and refused ones included, must match the Intercom 2.16 spec.
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("apply", () => {
  it("posts note and reply as admin 900, assigns the team, closes on solved; parts appear in Intercom", async () => {
    const { helpdesk } = setup();
    const result = await helpdesk.apply("101", {
      ...noWrites(),
      internalNote: { htmlBody: "<p><b>Deskmate handoff</b></p>" },
      publicReply: { body: "A specialist takes over from here.", status: "solved" },
      groupId: IC.teams.billing,
    });
    expect(result).toEqual({ writes: 4, conflictsRetried: 0 });
    const note = [
      "/conversations/101/reply",
      { message_type: "note", type: "admin", admin_id: "900", body: "<p><b>Deskmate handoff</b></p>" },
    ];
    const reply = [
      "/conversations/101/reply",
      { message_type: "comment", type: "admin", admin_id: "900", body: "A specialist takes over from here." },
    ];
    const assignment = [
      "/conversations/101/parts",
      { message_type: "assignment", type: "team", admin_id: "900", assignee_id: IC.teams.billing },
    ];
    const close = ["/conversations/101/parts", { message_type: "close", type: "admin", admin_id: "900" }];
    // The assignment runs beside the note and the reply (one wave); the note comes before the reply and
    // the close after both.
    const written = sandbox.writes().map((r) => [r.path, r.body]);
    expect(written.filter((w) => JSON.stringify(w) !== JSON.stringify(assignment))).toEqual([note, reply, close]);
    expect(written).toContainEqual(assignment);
    const after = sandbox.conversation("101");
    expect(after).toMatchObject({ state: "closed", teamAssigneeId: IC.teams.billing, adminAssigneeId: null });
    const parts = after.parts.slice(1).map((p) => [p.partType, p.authorId, p.body]);
    expect(parts.filter(([type]) => type !== "assignment")).toEqual([
      ["note", "900", "Deskmate handoff"],
      ["comment", "900", "A specialist takes over from here."],
      ["close", "900", null],
    ]);
    expect(parts).toContainEqual(["assignment", "900", null]);
  });

  it("sends the note, the team assignment and the tags in one wave: none waits for another", async () => {
    const tagIds = new TagIdCache();
    const { helpdesk } = setup({ tagIds });
    // The tag ids are known from an earlier message of the workspace: tagging needs no lookup.
    await helpdesk.apply("102", { ...noWrites(), addTags: ["deskmate_escalated", "deskmate_draft"] });
    const from = sandbox.requests.length;
    // The note's answer is held until the other writes have arrived (or a second has passed).
    const others = { arrived: 0, whileNoteHeld: null as number | null };
    const wake: Array<() => void> = [];
    const counted = () => {
      others.arrived++;
      if (others.arrived >= 3) for (const w of wake.splice(0)) w();
      return undefined;
    };
    server.use(
      http.post(/\/conversations\/101\/(tags|parts)$/, counted),
      http.post(/\/conversations\/101\/reply$/, async () => {
        if (others.arrived < 3) {
          await new Promise<void>((resolve) => {
            wake.push(resolve);
            setTimeout(resolve, 1000);
          });
        }
        others.whileNoteHeld = others.arrived;
        return undefined;
      }),
    );

    const result = await helpdesk.apply("101", {
      ...noWrites(),
      internalNote: { htmlBody: "<p>Deskmate handoff</p>" },
      groupId: IC.teams.billing,
      addTags: ["deskmate_escalated", "deskmate_draft"],
    });

    expect(others.whileNoteHeld).toBe(3);
    expect(result).toEqual({ writes: 4, conflictsRetried: 0 });
    expect(sandbox.requests.slice(from).filter((r) => r.path === "/tags")).toHaveLength(0);
    const after = sandbox.conversation("101");
    expect(after.tags).toEqual(expect.arrayContaining(["deskmate_escalated", "deskmate_draft"]));
    expect(after).toMatchObject({ teamAssigneeId: IC.teams.billing });
    expect(after.parts.filter((p) => p.partType === "note")).toHaveLength(1);
  });

  it("knows the ids of the tags the context read saw: writing them again needs no lookup", async () => {
    const { helpdesk } = setup({ tagIds: new TagIdCache() });
    const tagged = sandbox.addConversation({
      contactId: IC.contacts.maria,
      tags: ["deskmate_draft"],
      parts: [{ author: "user", body: "Where is my parcel?" }],
    });
    await helpdesk.getTicketContext(tagged.id, { requesterId: IC.contacts.maria });
    await helpdesk.apply("101", { ...noWrites(), addTags: ["deskmate_draft"] });

    expect(sandbox.requests.filter((r) => r.path === "/tags")).toHaveLength(0);
    expect(sandbox.conversation("101").tags).toContain("deskmate_draft");
  });

  it("keeps looked-up tag ids in the state store: another isolate tags without a lookup", async () => {
    const kv = new MemoryKvStore();
    await setup({ kv }).helpdesk.apply("101", { ...noWrites(), addTags: ["deskmate_escalated"] });
    expect(sandbox.requests.filter((r) => r.path === "/tags")).toHaveLength(1);
    // A new isolate: its own helpdesk and empty in-memory cache, the same store.
    await setup({ kv }).helpdesk.apply("102", { ...noWrites(), addTags: ["deskmate_escalated"] });

    expect(sandbox.requests.filter((r) => r.path === "/tags")).toHaveLength(1);
    expect(sandbox.conversation("102").tags).toContain("deskmate_escalated");
    expect(await kv.get(`dm:intercom:${IC.appIdCode}:tag_id:deskmate_escalated`)).toEqual(expect.any(String));
  });

  it("looks a tag up again when Intercom no longer knows the stored id (the tag was deleted)", async () => {
    const kv = new MemoryKvStore();
    await kv.set(`dm:intercom:${IC.appIdCode}:tag_id:deskmate_escalated`, "999999", 3600);
    const { helpdesk } = setup({ kv });
    await expect(helpdesk.apply("101", { ...noWrites(), addTags: ["deskmate_escalated"] })).rejects.toMatchObject({
      status: 404,
    });
    // The retry of the step resolves the name again and tags with the real id.
    await helpdesk.apply("101", { ...noWrites(), addTags: ["deskmate_escalated"] });
    expect(sandbox.requests.filter((r) => r.path === "/tags")).toHaveLength(1);
    expect(sandbox.conversation("101").tags).toContain("deskmate_escalated");
  });

  it("a failed note fails the step only after the writes beside it have finished; the retry adds no second note", async () => {
    const { helpdesk } = setup();
    sandbox.failNext({ method: "POST", path: "/conversations/101/reply" }, [{ status: 400 }]);
    const writes = {
      ...noWrites(),
      internalNote: { htmlBody: "<p>Deskmate handoff</p>" },
      groupId: IC.teams.billing,
      addTags: ["deskmate_escalated"],
    };
    await expect(helpdesk.apply("101", writes)).rejects.toMatchObject({ status: 400 });
    // Nothing of that apply is still in flight: the tag and the assignment have landed already.
    const landed = sandbox.writes().length;
    expect(sandbox.conversation("101")).toMatchObject({ teamAssigneeId: IC.teams.billing });
    expect(sandbox.conversation("101").tags).toContain("deskmate_escalated");
    await helpdesk.apply("101", writes);
    expect(sandbox.writes().length).toBeGreaterThan(landed);
    expect(sandbox.conversation("101").parts.filter((p) => p.partType === "note")).toHaveLength(1);
    expect(sandbox.conversation("101").tags.filter((t) => t === "deskmate_escalated")).toHaveLength(1);
  });

  it("leaves the state for pending and hold, reopens on open, never writes priority (not on 2.16)", async () => {
    const { helpdesk, logLines } = setup();
    await helpdesk.apply("101", {
      ...noWrites(),
      publicReply: { body: "Could you send the invoice number?", status: "pending" },
      priority: "urgent",
    });
    await helpdesk.apply("102", { ...noWrites(), status: "hold" });
    await helpdesk.apply("105", { ...noWrites(), status: "open" });
    expect(sandbox.writes().map((r) => `${r.path} ${(r.body as { message_type: string }).message_type}`)).toEqual([
      "/conversations/101/reply comment",
      "/conversations/105/parts open",
    ]);
    expect(sandbox.conversation("101")).toMatchObject({ state: "open", priority: "none" });
    expect(sandbox.conversation("105").state).toBe("open");
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: expect.stringContaining("priority not written"), priority: "urgent" }),
    );
  });

  it("resolves each tag name to an id once (POST /tags) and reuses the id across calls and conversations", async () => {
    const tagIds = new TagIdCache();
    const first = setup({ tagIds }).helpdesk;
    await first.apply("101", {
      ...noWrites(),
      addTags: ["deskmate_escalated", "deskmate_reason_human_requested", "DESKMATE_ESCALATED"],
    });
    await first.apply("102", { ...noWrites(), addTags: ["deskmate_escalated"] });
    await setup({ tagIds }).helpdesk.apply("103", { ...noWrites(), addTags: ["deskmate_escalated"] });

    expect(
      sandbox
        .writes()
        .filter((r) => r.path === "/tags")
        .map((r) => r.body),
    ).toEqual([{ name: "deskmate_escalated" }, { name: "deskmate_reason_human_requested" }]);
    const tagCalls = sandbox.writes().filter((r) => r.path.endsWith("/tags") && r.path !== "/tags");
    expect(tagCalls.map((r) => r.path)).toEqual([
      "/conversations/101/tags",
      "/conversations/101/tags",
      "/conversations/102/tags",
      "/conversations/103/tags",
    ]);
    expect(
      tagCalls.every(
        (r) => (r.body as { admin_id: string }).admin_id === "900" && /^\d+$/.test((r.body as { id: string }).id),
      ),
    ).toBe(true);
    expect(sandbox.conversation("101").tags).toEqual(["deskmate_escalated", "deskmate_reason_human_requested"]);
    expect(sandbox.conversation("103").tags).toEqual(["deskmate_escalated"]);
  });

  it("sends one conversation's tag calls side by side, adds beside the removals", async () => {
    // Holds each tag call for a moment and tracks how many were open at once (as the context-wave test does).
    const seen = { peak: 0, open: 0 };
    server.use(
      http.all(/\/conversations\/104\/tags/, async () => {
        seen.open++;
        seen.peak = Math.max(seen.peak, seen.open);
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen.open--;
        return undefined;
      }),
    );
    const { helpdesk } = setup();
    const result = await helpdesk.apply("104", {
      ...noWrites(),
      addTags: ["deskmate_escalated", "deskmate_reason_human_requested"],
      removeTags: ["deskmate_off"],
    });
    expect(seen.peak).toBeGreaterThan(1); // one at a time would never exceed 1
    expect(result.writes).toBeGreaterThanOrEqual(3);
    expect(sandbox.conversation("104").tags.sort()).toEqual(["deskmate_escalated", "deskmate_reason_human_requested"]);
  });

  it("removes a tag by its id on the conversation and skips tags the conversation does not have", async () => {
    const { helpdesk } = setup();
    const result = await helpdesk.apply("104", { ...noWrites(), removeTags: ["deskmate_off", "deskmate_draft"] });
    expect(result.writes).toBe(1);
    expect(sandbox.writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ["DELETE", `/conversations/104/tags/${IC.tags.optOut}`, { admin_id: "900" }],
    ]);
    expect(sandbox.conversation("104").tags).toEqual([]);
  });

  it("makes no request for empty writes", async () => {
    await setup().helpdesk.apply("101", noWrites());
    expect(sandbox.requests).toEqual([]);
  });

  it("waits for X-RateLimit-Reset when a reply is rate limited, then posts it once", async () => {
    const { helpdesk, sleeps } = setup();
    sandbox.failNext({ method: "POST", path: "/conversations/101/reply" }, [
      { status: 429, headers: { "X-RateLimit-Reset": String(NOW / 1000 + 2) } },
    ]);
    await helpdesk.apply("101", { ...noWrites(), internalNote: { htmlBody: "<p>note</p>" } });
    expect(sleeps).toEqual([2000]);
    expect(sandbox.conversation("101").parts.filter((p) => p.partType === "note")).toHaveLength(1);
  });

  it("after a 5xx on a reply, sends it again only when it did not land", async () => {
    const { helpdesk } = setup();
    sandbox.failNext({ method: "POST", path: "/conversations/101/reply" }, [{ status: 500 }]);
    await helpdesk.apply("101", { ...noWrites(), publicReply: { body: "Hello Maria", status: "pending" } });
    expect(paths().filter((p) => p !== "GET /me")).toEqual([
      "POST /conversations/101/reply",
      "GET /conversations/101",
      "POST /conversations/101/reply",
    ]);
    expect(sandbox.conversation("101").parts.filter((p) => p.partType === "comment")).toHaveLength(1);

    // This time the reply is stored but its answer is lost.
    let lost = false;
    server.use(
      http.post("https://api.intercom.io/conversations/102/reply", () => {
        if (lost) return undefined;
        lost = true;
        sandbox.addPart("102", { author: "admin", adminId: "900", body: "Hello Sam" });
        return HttpResponse.json(
          { type: "error.list", errors: [{ code: "server_error", message: "Server Error" }] },
          { status: 502 },
        );
      }),
    );
    await helpdesk.apply("102", { ...noWrites(), publicReply: { body: "Hello Sam", status: "pending" } });
    expect(sandbox.conversation("102").parts.filter((p) => p.body === "Hello Sam")).toHaveLength(1);
  });

  it("does not retry a rejected write (400 for an unknown team)", async () => {
    const { helpdesk, sleeps } = setup();
    await expect(helpdesk.apply("101", { ...noWrites(), groupId: "4242" })).rejects.toMatchObject({
      status: 400,
      retryable: false,
      operation: "assign_conversation",
    });
    expect(sleeps).toEqual([]);
  });
});
