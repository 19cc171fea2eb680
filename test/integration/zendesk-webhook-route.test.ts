import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/observability/logger.ts";
import type { QueueMessageBody } from "../../src/pipeline/queue-message.ts";
import type { KvStore } from "../../src/state/kv-store.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { zendeskWebhookHandler } from "../../src/webhooks/zendesk-webhook-route.ts";
import { useMswServer } from "../support/msw-server.ts";
import { signedZendeskRequest, TEST_ZENDESK_WEBHOOK_SECRET } from "../support/signed-zendesk-request.ts";

// No handlers: the route must not call anything; any outbound request fails the test.
useMswServer();

type Json = Record<string, any>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/zendesk/${name}.json`, import.meta.url), "utf8")) as Json;
const PATH = "/webhooks/zendesk";
const PREFIX = "dm:zendesk:12345678:delivery";

function setup(options: { secrets?: string[]; kv?: KvStore } = {}) {
  const kv = options.kv ?? new MemoryKvStore();
  const queued: QueueMessageBody[] = [];
  const control = { secrets: options.secrets ?? [TEST_ZENDESK_WEBHOOK_SECRET], failEnqueue: 0 };
  const { logger, lines } = createMemoryLogger();
  const app = new Hono();
  app.post(
    PATH,
    zendeskWebhookHandler({
      secrets: () => control.secrets,
      stateFor: (account) => new StateStore(kv, { platform: "zendesk", account }),
      enqueue: async (body) => {
        if (control.failEnqueue > 0) {
          control.failEnqueue -= 1;
          throw new Error("queue unavailable");
        }
        queued.push(structuredClone(body));
      },
      logger,
    }),
  );
  const send = async (init: RequestInit) => {
    const response = await app.request(PATH, init);
    return { status: response.status, body: (await response.json()) as Json };
  };
  return { app, kv, queued, control, lines, send };
}

describe("POST /webhooks/zendesk", () => {
  it("accepts a signed comment and enqueues exactly one normalized event", async () => {
    const { send, queued, kv } = setup();
    const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-100" });
    const response = await send(init);

    expect(response).toEqual({ status: 202, body: { status: "accepted", event_id: "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52" } });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ v: 1, receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(queued[0]?.event).toEqual({
      platform: "zendesk",
      accountId: "12345678",
      deliveryId: "inv-100",
      eventId: "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52",
      kind: "comment_added",
      ticketId: "5158",
      occurredAt: "2026-11-20T10:02:45.123Z",
      source: "event_subscription",
      requesterId: "9000000000001",
      organizationId: "360000000301",
      ticketStatus: "open",
      comment: { id: "40000000000123", authorId: "9000000000001", isPublic: true, authorIsStaff: false },
    });
    const memory = kv as MemoryKvStore;
    expect(memory.ttlSeconds(`${PREFIX}:inv:inv-100`)).toBe(7 * 24 * 3600);
    expect(memory.ttlSeconds(`${PREFIX}:evt:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52`)).toBe(7 * 24 * 3600);
  });

  it("accepts application/json with a charset", async () => {
    const { send, queued } = setup();
    const init = await signedZendeskRequest(fixture("ticket-created"), { headers: { "content-type": "application/json; charset=utf-8" } });
    expect((await send(init)).status).toBe(202);
    expect(queued[0]?.event).toMatchObject({ kind: "ticket_created", ticketStatus: "new" });
  });

  it("accepts a trigger payload, taking the account from the header", async () => {
    const { send, queued } = setup();
    const init = await signedZendeskRequest(fixture("trigger-comment"), { invocationId: "inv-t1", headers: { "x-zendesk-account-id": "12345678" } });
    expect(await send(init)).toEqual({ status: 202, body: { status: "accepted", event_id: "trigger:inv-t1" } });
    expect(queued[0]?.event).toMatchObject({ source: "trigger", accountId: "12345678", kind: "comment_added", ticketStatus: "hold" });
  });

  it("enqueues once when the same delivery arrives twice", async () => {
    const { send, queued } = setup();
    const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-200" });
    expect((await send(init)).status).toBe(202);
    expect(await send(init)).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(queued).toHaveLength(1);
  });

  it("enqueues once when the same event arrives under two invocation ids", async () => {
    const { send, queued } = setup();
    expect((await send(await signedZendeskRequest(fixture("status-changed"), { invocationId: "inv-301" }))).status).toBe(202);
    expect(await send(await signedZendeskRequest(fixture("status-changed"), { invocationId: "inv-302" }))).toEqual({
      status: 200,
      body: { status: "duplicate" },
    });
    expect(queued).toHaveLength(1);
  });

  describe("gates", () => {
    it("0: refuses every delivery with 503 and says how to fix it when no secret is configured", async () => {
      for (const secrets of [[], [""], ["  "]]) {
        const { send, queued, lines, kv } = setup({ secrets });
        const response = await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-0" }));
        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({ error: "webhook_secret_missing" });
        expect(queued).toHaveLength(0);
        expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:inv:inv-0`)).toBe(-2);
        const fix = lines.find((line) => line.level === "error" && String(line.msg).includes("wrangler secret put ZENDESK_WEBHOOK_SECRET"));
        expect(fix?.msg).toContain("Admin Center");
      }
    });

    it("0 before 1: a missing secret wins over a wrong content type", async () => {
      const { send } = setup({ secrets: [] });
      const init = await signedZendeskRequest(fixture("comment-added"), { headers: { "content-type": "text/plain" } });
      expect((await send(init)).status).toBe(503);
    });

    it.each(["text/plain", "application/x-www-form-urlencoded", "application/jsonp", undefined])(
      "1: answers 415 for content-type %j",
      async (contentType) => {
        const { send, queued } = setup();
        const init = await signedZendeskRequest(fixture("comment-added"), { headers: { "content-type": contentType } });
        const response = await send(init);
        expect(response).toMatchObject({ status: 415, body: { error: "unsupported_media_type" } });
        expect(queued).toHaveLength(0);
      },
    );

    it("2: answers 400 naming every missing header", async () => {
      const { send, queued } = setup();
      const init = await signedZendeskRequest(fixture("comment-added"), {
        headers: {
          "x-zendesk-webhook-signature": undefined,
          "x-zendesk-webhook-signature-timestamp": undefined,
          "x-zendesk-webhook-invocation-id": undefined,
        },
      });
      const response = await send(init);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe("missing_headers");
      for (const name of ["x-zendesk-webhook-signature", "x-zendesk-webhook-signature-timestamp", "x-zendesk-webhook-invocation-id"]) {
        expect(response.body.message).toContain(name);
      }
      expect(queued).toHaveLength(0);
      const one = await signedZendeskRequest(fixture("comment-added"), { headers: { "x-zendesk-webhook-signature-timestamp": undefined } });
      expect((await send(one)).body.message).toBe("missing required headers: x-zendesk-webhook-signature-timestamp");
    });

    it("2: rejects an invocation id that cannot be a store key", async () => {
      const { send } = setup();
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "a b/c{}" });
      expect(await send(init)).toMatchObject({ status: 400, body: { error: "invalid_header" } });
    });

    it("3: answers 401 bad_signature for another secret", async () => {
      const { send, queued } = setup();
      const init = await signedZendeskRequest(fixture("comment-added"), { secret: "not-the-secret" });
      expect(await send(init)).toMatchObject({ status: 401, body: { error: "bad_signature" } });
      expect(queued).toHaveLength(0);
    });

    it("3: answers 401 when the body was changed after signing", async () => {
      const { send, queued } = setup();
      const init = await signedZendeskRequest(fixture("comment-added"));
      const tampered = { ...init, body: String(init.body).replace('"is_staff":false', '"is_staff":true') };
      expect(tampered.body).not.toBe(init.body);
      expect(await send(tampered)).toMatchObject({ status: 401, body: { error: "bad_signature" } });
      expect(queued).toHaveLength(0);
    });

    it("3: answers 401 stale_timestamp for a delivery signed 10 minutes ago", async () => {
      const { send, queued } = setup();
      const timestamp = new Date(Date.now() - 10 * 60_000).toISOString();
      const init = await signedZendeskRequest(fixture("comment-added"), { timestamp });
      expect(await send(init)).toMatchObject({ status: 401, body: { error: "stale_timestamp" } });
      expect(queued).toHaveLength(0);
    });

    it("3: answers 401 bad_timestamp for an epoch-seconds timestamp", async () => {
      const { send } = setup();
      const init = await signedZendeskRequest(fixture("comment-added"), { timestamp: String(Math.floor(Date.now() / 1000)) });
      expect(await send(init)).toMatchObject({ status: 401, body: { error: "bad_timestamp" } });
    });

    it("3 before 4: an unsigned non-JSON body is a 401, not a 400", async () => {
      const { send } = setup();
      const init = await signedZendeskRequest("{not json", { secret: "wrong" });
      expect((await send(init)).status).toBe(401);
    });

    it("4: answers 400 invalid_json for a signed body that is not JSON", async () => {
      const { send, queued } = setup();
      expect(await send(await signedZendeskRequest("{not json"))).toMatchObject({ status: 400, body: { error: "invalid_json" } });
      expect(queued).toHaveLength(0);
    });

    it("4: answers 400 naming the fields of a known event that fails its schema", async () => {
      const { send, queued } = setup();
      const payload = fixture("comment-added");
      delete payload.event.comment.author.is_staff;
      payload.detail.id = "not-a-number";
      const response = await send(await signedZendeskRequest(payload));
      expect(response.status).toBe(400);
      expect(response.body.error).toBe("invalid_payload");
      expect(response.body.message).toContain("event.comment.author.is_staff");
      expect(response.body.message).toContain("detail.id");
      expect(queued).toHaveLength(0);
    });

    it("5: acknowledges other event types with 200 ignored, without claiming them", async () => {
      const { send, queued, kv } = setup();
      const response = await send(await signedZendeskRequest(fixture("other-event"), { invocationId: "inv-500" }));
      expect(response).toEqual({ status: 200, body: { status: "ignored" } });
      expect(queued).toHaveLength(0);
      expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:inv:inv-500`)).toBe(-2);
    });
  });

  describe("failures", () => {
    it("answers 503 when the store is down, and the retry succeeds once it is back", async () => {
      const kv = new MemoryKvStore();
      const { send, queued } = setup({ kv });
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-600" });
      kv.setAvailable(false);
      expect(await send(init)).toMatchObject({ status: 503, body: { error: "store_unavailable" } });
      expect(queued).toHaveLength(0);
      kv.setAvailable(true);
      expect((await send(init)).status).toBe(202);
      expect(queued).toHaveLength(1);
    });

    it("releases the invocation claim when the store fails on the event claim", async () => {
      const memory = new MemoryKvStore();
      let claims = 0;
      const flaky: KvStore = Object.assign(Object.create(memory) as KvStore, {
        setIfAbsent: async (key: string, value: string, ttl: number) => {
          claims += 1;
          if (claims === 2) throw new Error("connection reset");
          return memory.setIfAbsent(key, value, ttl);
        },
      });
      const { send, queued } = setup({ kv: flaky });
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-650" });
      expect((await send(init)).status).toBe(503);
      expect(memory.ttlSeconds(`${PREFIX}:inv:inv-650`)).toBe(-2);
      expect((await send(init)).status).toBe(202);
      expect(queued).toHaveLength(1);
    });

    it("answers 503 when enqueue fails, releases the claims, and Zendesk's retry is accepted", async () => {
      const { send, queued, control, kv } = setup();
      control.failEnqueue = 1;
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-700" });
      expect(await send(init)).toMatchObject({ status: 503, body: { error: "enqueue_failed" } });
      expect(queued).toHaveLength(0);
      expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:inv:inv-700`)).toBe(-2);
      expect((await send(init)).status).toBe(202);
      expect(queued).toHaveLength(1);
    });
  });

  it("verifies with any configured secret during a rotation", async () => {
    const { send, queued } = setup({ secrets: ["new-signing-secret", TEST_ZENDESK_WEBHOOK_SECRET] });
    expect((await send(await signedZendeskRequest(fixture("comment-added"), { secret: TEST_ZENDESK_WEBHOOK_SECRET }))).status).toBe(202);
    expect((await send(await signedZendeskRequest(fixture("status-changed"), { secret: "new-signing-secret" }))).status).toBe(202);
    expect((await send(await signedZendeskRequest(fixture("ticket-created"), { secret: "retired-secret" }))).status).toBe(401);
    expect(queued).toHaveLength(2);
  });

  it("logs one line per delivery with ids, status and timing, and never the body", async () => {
    const { send, lines } = setup();
    await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-800" }));
    await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-801", secret: "wrong" }));
    const deliveries = lines.filter((line) => line.msg === "zendesk webhook");
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]).toMatchObject({ level: "info", delivery_id: "inv-800", ticket_id: "5158", status: 202, outcome: "accepted" });
    expect(deliveries[0]?.elapsed_ms).toEqual(expect.any(Number));
    expect(deliveries[1]).toMatchObject({ level: "warn", delivery_id: "inv-801", status: 401, outcome: "bad_signature" });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("both charges");
    expect(logged).not.toContain("Sam Customer");
    expect(logged).not.toContain(TEST_ZENDESK_WEBHOOK_SECRET);
  });
});
