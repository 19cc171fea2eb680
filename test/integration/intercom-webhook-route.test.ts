import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { webhookRoute } from "../../src/http/webhook-route.ts";
import { intercomWebhookAdapter } from "../../src/platforms/intercom/intercom-webhook-adapter.ts";
import { adminAssigned, adminReplied, ping, userReplied } from "../support/intercom-events.ts";
import {
  intercomFixture as fixture,
  intercomWebhookApp as setup,
  INTERCOM_WEBHOOK_PATH as PATH,
} from "../support/intercom-webhook-app.ts";
import { useMswServer } from "../support/msw-server.ts";
import {
  signedIntercomRequest,
  TEST_INTERCOM_APP_ID,
  TEST_INTERCOM_CLIENT_SECRET,
} from "../support/signed-intercom-request.ts";

// No handlers: the route must not call Intercom (or anything); any outbound request fails the test.
useMswServer();

const PREFIX = `dm:intercom:${TEST_INTERCOM_APP_ID}:delivery`;
const CONVERSATION = "215474343849634";
const CONTACT = "6762f0b31bb69f9f2193bc21";

const base = {
  platform: "intercom",
  accountId: TEST_INTERCOM_APP_ID,
  ticketId: CONVERSATION,
  source: "event_subscription",
  requesterId: CONTACT,
};

describe("POST /webhooks/intercom", () => {
  it("accepts a signed user reply and enqueues exactly one normalized event, claimed by notification id", async () => {
    const { send, queued, kv, accounts } = setup();
    const payload = fixture("user-replied");
    const response = await send(await signedIntercomRequest(payload));

    expect(response).toEqual({
      status: 202,
      body: { status: "accepted", event_id: "notif_4e3504a3-ba3f-46dc-ab48-8e4d5bdfdf4e" },
    });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ v: 1, receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(queued[0]?.event).toEqual({
      ...base,
      deliveryId: "notif_4e3504a3-ba3f-46dc-ab48-8e4d5bdfdf4e",
      eventId: "notif_4e3504a3-ba3f-46dc-ab48-8e4d5bdfdf4e",
      kind: "comment_added",
      occurredAt: new Date(payload.created_at * 1000).toISOString(),
      ticketStatus: "open",
      comment: { id: "45763812690", authorId: CONTACT, isPublic: true, authorIsStaff: false },
      // The customer's short message, so the consumer's knowledge search starts with the context read.
      messageExcerpt: "Any update? I still see both charges on my card.",
    });
    expect(accounts).toEqual([TEST_INTERCOM_APP_ID]);
    expect(kv.ttlSeconds(`${PREFIX}:evt:notif_4e3504a3-ba3f-46dc-ab48-8e4d5bdfdf4e`)).toBe(7 * 24 * 3600);
  });

  it.each([
    [
      "user-created",
      {
        kind: "ticket_created",
        ticketStatus: "open",
        comment: { id: "2448930147", authorId: CONTACT, isPublic: true, authorIsStaff: false },
      },
    ],
    [
      "admin-replied",
      {
        kind: "comment_added",
        comment: { id: "45763812702", authorId: "991267715", isPublic: true, authorIsStaff: true },
      },
    ],
    [
      "admin-noted",
      {
        kind: "comment_added",
        comment: { id: "45763812705", authorId: "991267715", isPublic: false, authorIsStaff: true },
      },
    ],
    ["admin-assigned", { kind: "assignment_changed", assignee: { type: "admin", id: "991267715" } }],
    ["rating-added", { kind: "rating_added", ticketStatus: "solved" }],
  ])("enqueues %s as %j", async (name, expected) => {
    const { send, queued } = setup();
    const payload = fixture(name);
    expect(await send(await signedIntercomRequest(payload))).toEqual({
      status: 202,
      body: { status: "accepted", event_id: payload.id },
    });
    expect(queued).toHaveLength(1);
    expect(queued[0]?.event).toMatchObject({ ...base, deliveryId: payload.id, eventId: payload.id, ...expected });
  });

  it("enqueues assignment to a team, and unassignment, without an admin", async () => {
    const { send, queued } = setup();
    const conv = { id: CONVERSATION, contactId: CONTACT };
    expect((await send(await signedIntercomRequest(adminAssigned(conv, { teamId: "5017691" })))).status).toBe(202);
    expect((await send(await signedIntercomRequest(adminAssigned(conv, {})))).status).toBe(202);
    expect(queued.map((q) => q.event.assignee)).toEqual([
      { type: "team", id: "5017691" },
      { type: "none", id: null },
    ]);
  });

  it("enqueues once when Intercom retries the same notification", async () => {
    const { send, queued } = setup();
    const first = fixture("admin-replied");
    const retry = { ...first, delivery_attempts: 2 };
    expect((await send(await signedIntercomRequest(first))).status).toBe(202);
    expect(await send(await signedIntercomRequest(retry))).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(await send(await signedIntercomRequest(first))).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(queued).toHaveLength(1);
  });

  it("keeps workspaces apart: the same notification id in another workspace is not a duplicate", async () => {
    const { send, queued } = setup();
    const payload = fixture("user-replied");
    expect((await send(await signedIntercomRequest(payload))).status).toBe(202);
    expect((await send(await signedIntercomRequest({ ...payload, app_id: "otherws9" }))).status).toBe(202);
    expect(queued.map((q) => q.event.accountId)).toEqual([TEST_INTERCOM_APP_ID, "otherws9"]);
  });

  it("answers ping with 200 pong, without claiming or enqueueing anything", async () => {
    const { send, queued, kv } = setup();
    expect(await send(await signedIntercomRequest(fixture("ping")))).toEqual({ status: 200, body: { status: "pong" } });
    expect(await send(await signedIntercomRequest(ping({ id: "notif_ping" })))).toEqual({
      status: 200,
      body: { status: "pong" },
    });
    expect(kv.ttlSeconds(`${PREFIX}:evt:notif_ping`)).toBe(-2);
    expect(queued).toHaveLength(0);
  });

  it("ignores a bot's admin.replied: Fin answering is not a human takeover", async () => {
    const { send, queued } = setup();
    const payload = adminReplied({ id: CONVERSATION, contactId: CONTACT }, "6827949", { id: "45763812800" });
    payload.data.item.conversation_parts.conversation_parts[0]!.author = { type: "bot", id: "6827949" };
    expect(await send(await signedIntercomRequest(payload))).toEqual({ status: 200, body: { status: "ignored" } });
    expect(queued).toHaveLength(0);
  });

  describe("gates", () => {
    it("0: refuses every delivery with 503 and says how to fix it when no secret is configured", async () => {
      for (const secret of [null, "", "   "]) {
        const { send, queued, lines } = setup({ secret });
        const response = await send(await signedIntercomRequest(fixture("user-replied")));
        expect(response).toMatchObject({ status: 503, body: { error: "webhook_secret_missing" } });
        expect(queued).toHaveLength(0);
        const fix = lines.find(
          (line) => line.level === "error" && String(line.msg).includes("wrangler secret put INTERCOM_CLIENT_SECRET"),
        );
        expect(fix?.msg).toContain("Developer Hub");
      }
    });

    it("0: a secret getter that throws is a missing secret (503), not a crash", async () => {
      const app = new Hono();
      const { logger } = createMemoryLogger();
      const deps = {
        stateFor: () => new StateStore(new MemoryKvStore(), { platform: "intercom", account: "x" }),
        enqueue: async () => undefined,
        logger,
      };
      const secret = () => {
        throw new Error("binding missing");
      };
      app.post(PATH, webhookRoute({ ...deps, adapter: intercomWebhookAdapter({ secret }) }));
      expect((await app.request(PATH, await signedIntercomRequest(fixture("user-replied")))).status).toBe(503);
    });

    it("0 before 1: a missing secret wins over a wrong content type", async () => {
      const { send } = setup({ secret: null });
      const init = await signedIntercomRequest(fixture("user-replied"), { headers: { "content-type": "text/plain" } });
      expect((await send(init)).status).toBe(503);
    });

    it.each(["text/plain", "application/x-www-form-urlencoded", "application/jsonp", undefined])(
      "1: answers 415 for content-type %j",
      async (contentType) => {
        const { send, queued } = setup();
        const init = await signedIntercomRequest(fixture("user-replied"), { headers: { "content-type": contentType } });
        expect(await send(init)).toMatchObject({ status: 415, body: { error: "unsupported_media_type" } });
        expect(queued).toHaveLength(0);
      },
    );

    it("1: accepts application/json with a charset", async () => {
      const { send } = setup();
      const init = await signedIntercomRequest(fixture("user-replied"), {
        headers: { "content-type": "application/json; charset=utf-8" },
      });
      expect((await send(init)).status).toBe(202);
    });

    it("2: answers 400 naming X-Hub-Signature when it is missing", async () => {
      const { send, queued } = setup();
      const response = await send(
        await signedIntercomRequest(fixture("user-replied"), { headers: { "x-hub-signature": undefined } }),
      );
      expect(response).toEqual({
        status: 400,
        body: { error: "missing_headers", message: "missing required headers: x-hub-signature" },
      });
      expect(queued).toHaveLength(0);
    });

    it("3: answers 401 for another secret, a tampered body, a SHA-256 signature or a garbled header", async () => {
      const { send, queued } = setup();
      const signed = await signedIntercomRequest(fixture("user-replied"));
      const inits = [
        await signedIntercomRequest(fixture("user-replied"), { secret: "not-the-secret" }),
        {
          ...signed,
          body: String(signed.body)
            .replace('"type": "user"', '"type": "admin"')
            .replace('"type":"user"', '"type":"admin"'),
        },
        await signedIntercomRequest(fixture("user-replied"), {
          headers: { "x-hub-signature": `sha256=${"ab".repeat(32)}` },
        }),
        await signedIntercomRequest(fixture("user-replied"), { headers: { "x-hub-signature": "sha1=not-hex" } }),
      ];
      expect(inits[1]?.body).not.toBe(signed.body);
      for (const init of inits)
        expect(await send(init)).toMatchObject({ status: 401, body: { error: "bad_signature" } });
      expect(queued).toHaveLength(0);
    });

    it("3 before 4: an unsigned non-JSON body is a 401, not a 400", async () => {
      const { send } = setup();
      expect((await send(await signedIntercomRequest("{not json", { secret: "wrong" }))).status).toBe(401);
    });

    it("4: answers 400 invalid_json for a signed body that is not JSON", async () => {
      const { send, queued } = setup();
      expect(await send(await signedIntercomRequest("{not json"))).toMatchObject({
        status: 400,
        body: { error: "invalid_json" },
      });
      expect(queued).toHaveLength(0);
    });

    it("4: answers 400 naming the fields of a handled topic that fails its schema", async () => {
      const { send, queued } = setup();
      const payload = fixture("user-replied");
      payload.data.item.id = "not-a-number";
      payload.app_id = "bad workspace";
      const response = await send(await signedIntercomRequest(payload));
      expect(response.status).toBe(400);
      expect(response.body.error).toBe("invalid_payload");
      expect(response.body.message).toContain("data.item.id");
      expect(response.body.message).toContain("app_id");
      expect(queued).toHaveLength(0);
    });

    it("5: acknowledges other topics with 200 ignored, without claiming them", async () => {
      const { send, queued, kv } = setup();
      const payload = fixture("admin-closed");
      payload.topic = "conversation.admin.snoozed";
      expect(await send(await signedIntercomRequest(payload))).toEqual({ status: 200, body: { status: "ignored" } });
      expect(kv.ttlSeconds(`${PREFIX}:evt:${payload.id}`)).toBe(-2);
      expect(queued).toHaveLength(0);
    });
  });

  describe("failures", () => {
    it("answers 503 when the store is down, and Intercom's retry succeeds once it is back", async () => {
      const kv = new MemoryKvStore();
      const { send, queued } = setup({ kv });
      const init = await signedIntercomRequest(fixture("user-replied"));
      kv.setAvailable(false);
      expect(await send(init)).toMatchObject({ status: 503, body: { error: "store_unavailable" } });
      expect(queued).toHaveLength(0);
      kv.setAvailable(true);
      expect((await send(init)).status).toBe(202);
      expect(queued).toHaveLength(1);
    });

    it("answers 503 when enqueue fails, releases the claim, and Intercom's retry is accepted", async () => {
      const { send, queued, control, kv } = setup();
      control.failEnqueue = 1;
      const payload = fixture("user-replied");
      expect(await send(await signedIntercomRequest(payload))).toMatchObject({
        status: 503,
        body: { error: "enqueue_failed" },
      });
      expect(kv.ttlSeconds(`${PREFIX}:evt:${payload.id}`)).toBe(-2);
      expect(queued).toHaveLength(0);
      expect((await send(await signedIntercomRequest({ ...payload, delivery_attempts: 2 }))).status).toBe(202);
      expect(queued).toHaveLength(1);
    });
  });

  it("logs one line per delivery with ids, topic, status and timing; never bodies, names or the secret", async () => {
    const { send, lines } = setup();
    const payload = fixture("user-replied");
    await send(await signedIntercomRequest(payload));
    await send(await signedIntercomRequest({ ...payload, id: "notif_other" }, { secret: "wrong" }));
    const deliveries = lines.filter((line) => line.msg === "intercom webhook");
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]).toMatchObject({
      level: "info",
      platform: "intercom",
      delivery_id: payload.id,
      topic: "conversation.user.replied",
      account_id: TEST_INTERCOM_APP_ID,
      ticket_id: CONVERSATION,
      delivery_attempts: 1,
      status: 202,
      outcome: "accepted",
    });
    expect(deliveries[0]?.elapsed_ms).toEqual(expect.any(Number));
    // Signature failures are logged before the body is trusted or parsed.
    expect(deliveries[1]).toMatchObject({ level: "warn", status: 401, outcome: "bad_signature" });
    expect(deliveries[1]).not.toHaveProperty("delivery_id");
    const logged = JSON.stringify(lines);
    for (const secret of [
      "both charges",
      "charged twice",
      "Sam Customer",
      "sam@example.com",
      TEST_INTERCOM_CLIENT_SECRET,
    ]) {
      expect(logged).not.toContain(secret);
    }
  });

  it("handles builder payloads end to end (fresh ids per call)", async () => {
    const { send, queued } = setup();
    const conv = { id: "215474343849700", contactId: CONTACT, tags: ["vip"] };
    expect((await send(await signedIntercomRequest(userReplied(conv, { id: "1001", body: "hello" })))).status).toBe(
      202,
    );
    expect(
      (await send(await signedIntercomRequest(userReplied(conv, { id: "1002", body: "hello again" })))).status,
    ).toBe(202);
    expect(queued.map((q) => q.event.comment?.id)).toEqual(["1001", "1002"]);
    // Tags are read with the conversation by the consumer, not carried on the queue.
    expect(queued[0]?.event).not.toHaveProperty("ticketTags");
  });
});
