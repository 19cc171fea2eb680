import { createHmac } from "node:crypto";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { INBOX_APP_PATHS, inboxAppHandlers } from "../../src/http/inbox-app/inbox-app-routes.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { emptyTicketState, type TicketState } from "../../src/domain/ticket-state.ts";
import { useMswServer } from "../support/msw-server.ts";

// No handlers: the inbox app serves stored state only; any outbound request (helpdesk, model) fails the test.
useMswServer();

type Json = Record<string, any>;
const SECRET = "intercom-client-secret-for-tests";
const WS = "ecahpwf5";
const CONVERSATION = "215468421548";
const ADMIN = "7430198";

/** Signed independently of the code under test: node:crypto, hex digest of the exact body bytes. */
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body, "utf8").digest("hex");

const canvasBody = (extra: Json = {}): Json => ({
  workspace_id: WS,
  workspace_region: "us",
  admin: { id: ADMIN, type: "admin", email: "agent@example.com" },
  conversation: { id: CONVERSATION, type: "conversation", state: "open" },
  contact: { id: "6657aa1b2c3d4e5f60718293", type: "user" },
  context: { location: "conversation_details_sidebar" },
  ...extra,
});

const handoff: Handoff = {
  reasons: [{ code: "fraud", text: "Possible fraud or unauthorized charge." }],
  urgency: "urgent",
  customerWants: "There is a charge I did not make.",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: ["Two charges of 49.00 on 2026-11-18."],
  sourcesChecked: [],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "Verify the charges with the customer and open a dispute.",
  missing: [],
};

function setup(options: { secret?: string | null } = {}) {
  const kv = new MemoryKvStore();
  const control = { secret: "secret" in options ? (options.secret ?? null) : SECRET };
  const { logger, lines } = createMemoryLogger();
  const store = new StateStore(kv, { platform: "intercom", account: WS });
  const requestedWorkspaces: string[] = [];
  const handlers = inboxAppHandlers({
    secret: () => control.secret,
    storeFor: (workspaceId) => {
      requestedWorkspaces.push(workspaceId);
      return new StateStore(kv, { platform: "intercom", account: workspaceId });
    },
    logger,
  });
  const app = new Hono();
  app.post(INBOX_APP_PATHS.initialize, handlers.initialize);
  app.post(INBOX_APP_PATHS.submit, handlers.submit);

  const post = async (route: keyof typeof INBOX_APP_PATHS, body: Json | string, signature?: string | null) => {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json" };
    const sig = signature === undefined ? sign(raw) : signature;
    if (sig !== null) headers["x-body-signature"] = sig;
    const response = await app.request(INBOX_APP_PATHS[route], { method: "POST", headers, body: raw });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const submit = (componentId: string) =>
    post("submit", canvasBody({ component_id: componentId, input_values: {}, current_canvas: {} }));
  return { kv, store, lines, control, post, submit, requestedWorkspaces };
}

const components = (body: Json): Json[] => body.canvas.content.components as Json[];
const buttonIds = (body: Json) =>
  components(body)
    .filter((c) => c.type === "button")
    .map((c) => c.id as string);
const allText = (body: Json) =>
  components(body)
    .filter((c) => c.type === "text")
    .map((c) => c.text as string)
    .join("\n");
const escalated = (overrides: Partial<TicketState> = {}): TicketState => ({
  ...emptyTicketState(),
  history: [{ at: "2026-11-20T10:02:45.000Z", eventId: "notif_1", outcome: "escalate", reasons: ["fraud"] }],
  lastHandoff: handoff,
  ...overrides,
});

describe("Canvas Kit signature", () => {
  it("answers a correctly signed initialize with the canvas (uppercase hex too)", async () => {
    const { post } = setup();
    expect((await post("initialize", canvasBody())).status).toBe(200);
    const raw = JSON.stringify(canvasBody());
    expect((await post("initialize", raw, sign(raw).toUpperCase())).status).toBe(200);
  });

  it.each([
    ["missing", null, "missing_signature"],
    ["signed with another secret", sign(JSON.stringify(canvasBody()), "other-secret"), "bad_signature"],
    ["not hex", "z".repeat(64), "bad_signature"],
    [
      "a SHA-1 webhook-style signature",
      `sha1=${createHmac("sha1", SECRET).update(JSON.stringify(canvasBody())).digest("hex")}`,
      "bad_signature",
    ],
    ["truncated", sign(JSON.stringify(canvasBody())).slice(0, 40), "bad_signature"],
  ])("refuses a signature that is %s with 401 and reads no state", async (_label, signature, error) => {
    const { post, requestedWorkspaces } = setup();
    const response = await post("initialize", canvasBody(), signature);
    expect(response).toMatchObject({ status: 401, body: { error } });
    expect(requestedWorkspaces).toEqual([]);
  });

  it("verifies the raw bytes: a re-serialized body no longer matches", async () => {
    const { post } = setup();
    const raw = JSON.stringify(canvasBody(), null, 2);
    expect((await post("initialize", JSON.stringify(canvasBody()), sign(raw))).status).toBe(401);
  });

  it.each([null, "  "])("answers 503 and logs the fix when the client secret is %j", async (secret) => {
    const { post, lines } = setup({ secret });
    const response = await post("initialize", canvasBody());
    expect(response).toMatchObject({ status: 503, body: { error: "canvas_secret_missing" } });
    expect(
      lines.some(
        (line) => line.level === "error" && String(line.msg).includes("wrangler secret put INTERCOM_CLIENT_SECRET"),
      ),
    ).toBe(true);
  });

  it("answers 400 naming the fields of a signed but malformed request", async () => {
    const { post } = setup();
    const response = await post("initialize", { workspace_id: WS, conversation: { id: "abc" } });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe("invalid_payload");
    expect((response.body.fields as Json[]).map((field) => field.name).sort()).toEqual(["admin", "conversation.id"]);
    expect((await post("initialize", "{not json")).status).toBe(400);
  });
});

describe("POST /intercom/canvas/initialize", () => {
  it("shows the stored outcome and handoff of this conversation, in this workspace", async () => {
    const { post, store, kv } = setup();
    await store.putTicketState(CONVERSATION, escalated());
    await new StateStore(kv, { platform: "intercom", account: "otherws" }).putTicketState(
      CONVERSATION,
      escalated({ paused: true }),
    );

    const response = await post("initialize", canvasBody());
    expect(response.status).toBe(200);
    expect(allText(response.body)).toContain("**Last decision:** hand over to a teammate");
    expect(allText(response.body)).toContain("Possible fraud or unauthorized charge.");
    expect(allText(response.body)).toContain("**Urgency:** urgent");
    expect(allText(response.body)).toContain("**Customer wants:** There is a charge I did not make.");
    expect(buttonIds(response.body)).toEqual(["pause"]);
  });

  it("accepts numeric ids and reads the same conversation", async () => {
    const { post, store } = setup();
    await store.putTicketState(CONVERSATION, escalated({ paused: true }));
    const response = await post(
      "initialize",
      canvasBody({ conversation: { id: Number(CONVERSATION) }, admin: { id: Number(ADMIN) } }),
    );
    expect(buttonIds(response.body)).toEqual(["resume"]);
  });

  it("answers a canvas that says nothing changed when the store is down", async () => {
    const { post, kv, lines } = setup();
    kv.setAvailable(false);
    const response = await post("initialize", canvasBody());
    expect(response.status).toBe(200);
    expect(components(response.body).some((c) => c.style === "error")).toBe(true);
    expect(buttonIds(response.body)).toEqual([]);
    expect(lines.some((line) => line.level === "error" && line.outcome === "store_unavailable")).toBe(true);
  });
});

describe("POST /intercom/canvas/submit", () => {
  it("pause: the conversation is paused and the canvas offers Resume", async () => {
    const { submit, store, lines } = setup();
    await store.putTicketState(CONVERSATION, escalated());
    const response = await submit("pause");
    expect(response.status).toBe(200);
    expect((await store.getTicketState(CONVERSATION)).paused).toBe(true);
    expect(buttonIds(response.body)).toEqual(["resume"]);
    expect(allText(response.body)).toContain("**Paused here.**");
    const logged = lines.find((line) => line.msg === "intercom canvas" && line.action === "pause");
    expect(logged).toMatchObject({
      admin_id: ADMIN,
      conversation_id: CONVERSATION,
      workspace_id: WS,
      changed: true,
      outcome: "applied",
    });
    expect(JSON.stringify(lines)).not.toContain("agent@example.com");
    expect(JSON.stringify(lines)).not.toContain("charge I did not make");
  });

  it("resume: clears the pause and keeps the rest of the state", async () => {
    const { submit, store } = setup();
    await store.putTicketState(CONVERSATION, escalated({ paused: true, aiTurns: 2 }));
    const response = await submit("resume");
    const after = await store.getTicketState(CONVERSATION);
    expect(after.paused).toBeUndefined();
    expect(after).toMatchObject({ aiTurns: 2, lastHandoff: handoff });
    expect(buttonIds(response.body)).toEqual(["pause"]);
  });

  it("hand_back: clears human ownership and the pause, so the assistant may reply again", async () => {
    const { submit, store } = setup();
    await store.putTicketState(
      CONVERSATION,
      escalated({ humanOwned: true, humanOwnedSince: "2026-11-20T11:00:00Z", paused: true }),
    );
    const response = await submit("hand_back");
    const after = await store.getTicketState(CONVERSATION);
    expect(after.humanOwned).toBe(false);
    expect(after.humanOwnedSince).toBeUndefined();
    expect(after.paused).toBeUndefined();
    expect(after.history).toHaveLength(1);
    expect(buttonIds(response.body)).toEqual(["pause"]);
    expect(allText(response.body)).toContain("Active.");
  });

  it("an unknown component answers the current canvas and changes nothing", async () => {
    const { submit, post, store } = setup();
    await store.putTicketState(CONVERSATION, escalated({ humanOwned: true }));
    const before = await store.getTicketState(CONVERSATION);
    const response = await submit("delete_everything");
    expect(response.status).toBe(200);
    expect(await store.getTicketState(CONVERSATION)).toEqual(before);
    expect(response.body).toEqual((await post("initialize", canvasBody())).body);
  });

  it("works under the ticket lock: a held lock answers a busy notice and changes nothing", async () => {
    const { submit, store, kv } = setup();
    await store.putTicketState(CONVERSATION, escalated());
    await kv.set(store.key("lock", CONVERSATION), "pipeline-job", 60);
    const response = await submit("pause");
    expect(response.status).toBe(200);
    expect((await store.getTicketState(CONVERSATION)).paused).toBeUndefined();
    expect(components(response.body).find((c) => c.style === "error")?.text).toContain("nothing was changed");
    expect(buttonIds(response.body)).toEqual(["pause"]);
    // The lock is the pipeline's: the submit neither took it over nor released it.
    expect(await kv.get(store.key("lock", CONVERSATION))).toBe("pipeline-job");
  });

  it("releases the lock after a change", async () => {
    const { submit, store, kv } = setup();
    await submit("pause");
    expect(await kv.get(store.key("lock", CONVERSATION))).toBeNull();
    expect((await store.getTicketState(CONVERSATION)).paused).toBe(true);
  });
});
