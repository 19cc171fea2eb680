import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import type { QueueMessageBody } from "../../src/domain/queue-message.ts";
import type { KvStore } from "../../src/ports/kv-store.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { webhookRoute } from "../../src/http/webhook-route.ts";
import { zendeskWebhookAdapter } from "../../src/platforms/zendesk/zendesk-webhook-adapter.ts";
import { useMswServer } from "../support/msw-server.ts";
import { signedZendeskRequest, TEST_ZENDESK_WEBHOOK_SECRET } from "../support/signed-zendesk-request.ts";

// No handlers: the route must not call anything; any outbound request fails the test.
useMswServer();

type Json = Record<string, any>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/zendesk/${name}.json`, import.meta.url), "utf8")) as Json;
const PATH = "/webhooks/zendesk";
const PREFIX = "dm:zendesk:acme:delivery";

function setup(options: { secrets?: string[]; kv?: KvStore; defer?: (work: Promise<unknown>) => void } = {}) {
  const kv = options.kv ?? new MemoryKvStore();
  const queued: QueueMessageBody[] = [];
  const control = {
    secrets: options.secrets ?? [TEST_ZENDESK_WEBHOOK_SECRET],
    failEnqueue: 0,
    triggerAccount: "acme" as string | null,
    enqueueGate: null as Promise<void> | null,
    enqueuing: 0,
  };
  const { logger, lines } = createMemoryLogger();
  const app = new Hono();
  app.post(
    PATH,
    webhookRoute({
      adapter: zendeskWebhookAdapter({ secrets: () => control.secrets, triggerAccount: () => control.triggerAccount }),
      stateFor: (account) => new StateStore(kv, { platform: "zendesk", account }),
      enqueue: async (body) => {
        control.enqueuing += 1;
        if (control.enqueueGate) await control.enqueueGate;
        if (control.failEnqueue > 0) {
          control.failEnqueue -= 1;
          throw new Error("queue unavailable");
        }
        queued.push(structuredClone(body));
      },
      ...(options.defer ? { defer: options.defer } : {}),
      logger,
    }),
  );
  const send = async (init: RequestInit) => {
    const response = await app.request(PATH, init);
    const retryAfter = response.headers.get("retry-after");
    return {
      status: response.status,
      body: (await response.json()) as Json,
      ...(retryAfter === null ? {} : { retryAfter }),
    };
  };
  return { app, kv, queued, control, lines, send };
}

describe("POST /webhooks/zendesk", () => {
  it("accepts a signed comment and enqueues exactly one normalized event", async () => {
    const { send, queued, kv } = setup();
    const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-100" });
    const response = await send(init);

    expect(response).toMatchObject({
      status: 202,
      body: { status: "accepted", event_id: "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52" },
    });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ v: 1, receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(queued[0]?.event).toEqual({
      platform: "zendesk",
      accountId: "acme",
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
      // The customer's short comment, so the consumer's knowledge search starts with the context read.
      messageExcerpt: "Any update? I still see both charges on my card.",
    });
    const memory = kv as MemoryKvStore;
    // Claimed by the signed event id only: the unsigned invocation id is never a key.
    expect(memory.ttlSeconds(`${PREFIX}:inv:inv-100`)).toBe(-2);
    expect(memory.ttlSeconds(`${PREFIX}:evt:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52`)).toBe(7 * 24 * 3600);
  });

  it("accepts application/json with a charset", async () => {
    const { send, queued } = setup();
    const init = await signedZendeskRequest(fixture("ticket-created"), {
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect((await send(init)).status).toBe(202);
    expect(queued[0]?.event).toMatchObject({ kind: "ticket_created", ticketStatus: "new" });
  });

  it("accepts a trigger payload, taking the account from configuration, not the unsigned header", async () => {
    const { send, queued } = setup();
    const init = await signedZendeskRequest(fixture("trigger-comment"), {
      invocationId: "inv-t1",
      headers: { "x-zendesk-account-id": "12345678" },
    });
    expect(await send(init)).toMatchObject({
      status: 202,
      body: { status: "accepted", event_id: "trigger:comment_added:5158:40000000000123" },
    });
    expect(queued[0]?.event).toMatchObject({
      source: "trigger",
      accountId: "acme",
      kind: "comment_added",
      ticketStatus: "hold",
    });
  });

  describe("replays of a signed body under other unsigned headers", () => {
    it("answers a trigger body replayed with a new invocation id as a duplicate and enqueues it once", async () => {
      const { send, queued } = setup();
      const body = fixture("trigger-comment");
      expect((await send(await signedZendeskRequest(body, { invocationId: "inv-r1" }))).status).toBe(202);
      expect(await send(await signedZendeskRequest(body, { invocationId: "inv-r2" }))).toMatchObject({
        status: 200,
        body: { status: "duplicate" },
      });
      expect(queued).toHaveLength(1);
    });

    it("a trigger body replayed with another account id header is a duplicate in the configured account", async () => {
      const { send, queued, kv } = setup();
      const body = fixture("trigger-comment");
      const headers = (account: string) => ({ "x-zendesk-account-id": account });
      expect(
        (await send(await signedZendeskRequest(body, { invocationId: "inv-a1", headers: headers("12345678") }))).status,
      ).toBe(202);
      expect(
        await send(await signedZendeskRequest(body, { invocationId: "inv-a2", headers: headers("99999999") })),
      ).toMatchObject({
        status: 200,
        body: { status: "duplicate" },
      });
      expect(queued.map((q) => q.event.accountId)).toEqual(["acme"]);
      expect(
        (kv as MemoryKvStore).ttlSeconds("dm:zendesk:99999999:delivery:evt:trigger:comment_added:5158:40000000000123"),
      ).toBe(-2);
    });

    it("never writes a claim keyed by the invocation id of an event-subscription delivery", async () => {
      const { send, queued, kv } = setup();
      expect(
        (await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-e1" }))).status,
      ).toBe(202);
      expect(
        (await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-e2" }))).status,
      ).toBe(200);
      expect(queued).toHaveLength(1);
      for (const id of ["inv-e1", "inv-e2"]) expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:inv:${id}`)).toBe(-2);
    });

    it("refuses trigger payloads with 503 and the fix while no account is configured", async () => {
      const { send, queued, control, lines } = setup();
      control.triggerAccount = null;
      const init = await signedZendeskRequest(fixture("trigger-comment"), {
        headers: { "x-zendesk-account-id": "12345678" },
      });
      expect(await send(init)).toMatchObject({ status: 503, body: { error: "trigger_account_missing" } });
      expect(queued).toHaveLength(0);
      expect(lines.some((line) => line.level === "error" && String(line.msg).includes("ZENDESK_SUBDOMAIN"))).toBe(true);
    });
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
    expect(
      (await send(await signedZendeskRequest(fixture("status-changed"), { invocationId: "inv-301" }))).status,
    ).toBe(202);
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
        expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:evt:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52`)).toBe(-2);
        const fix = lines.find(
          (line) => line.level === "error" && String(line.msg).includes("wrangler secret put ZENDESK_WEBHOOK_SECRET"),
        );
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
      for (const name of [
        "x-zendesk-webhook-signature",
        "x-zendesk-webhook-signature-timestamp",
        "x-zendesk-webhook-invocation-id",
      ]) {
        expect(response.body.message).toContain(name);
      }
      expect(queued).toHaveLength(0);
      const one = await signedZendeskRequest(fixture("comment-added"), {
        headers: { "x-zendesk-webhook-signature-timestamp": undefined },
      });
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
      const init = await signedZendeskRequest(fixture("comment-added"), {
        timestamp: String(Math.floor(Date.now() / 1000)),
      });
      expect(await send(init)).toMatchObject({ status: 401, body: { error: "bad_timestamp" } });
    });

    it("3 before 4: an unsigned non-JSON body is a 401, not a 400", async () => {
      const { send } = setup();
      const init = await signedZendeskRequest("{not json", { secret: "wrong" });
      expect((await send(init)).status).toBe(401);
    });

    it("4: answers 400 invalid_json for a signed body that is not JSON", async () => {
      const { send, queued } = setup();
      expect(await send(await signedZendeskRequest("{not json"))).toMatchObject({
        status: 400,
        body: { error: "invalid_json" },
      });
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
      expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:evt:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9`)).toBe(-2);
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

    it("answers 503 when enqueue fails, releases the claim, and Zendesk's retry is accepted", async () => {
      const { send, queued, control, kv } = setup();
      control.failEnqueue = 1;
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-700" });
      expect(await send(init)).toMatchObject({ status: 503, body: { error: "enqueue_failed" }, retryAfter: "15" });
      expect(queued).toHaveLength(0);
      expect((kv as MemoryKvStore).ttlSeconds(`${PREFIX}:evt:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52`)).toBe(-2);
      expect((await send(init)).status).toBe(202);
      expect(queued).toHaveLength(1);
    });

    it("processes the retry when enqueue failed and releasing the claim failed too (two-phase claim)", async () => {
      let clock = Date.parse("2026-11-20T10:00:00Z");
      const memory = new MemoryKvStore({ now: () => clock });
      const control2 = { failRelease: true };
      const failing = () => Promise.reject(new Error("connection reset"));
      const kv: KvStore = Object.assign(Object.create(memory) as KvStore, {
        delete: (key: string) => (control2.failRelease ? failing() : memory.delete(key)),
        deleteIfEquals: (key: string, value: string) =>
          control2.failRelease ? failing() : memory.deleteIfEquals(key, value),
      });
      const { send, queued, control } = setup({ kv });
      control.failEnqueue = 1;
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-710" });
      expect(await send(init)).toMatchObject({ status: 503, body: { error: "enqueue_failed" } });
      // While the orphaned claim is pending, a retry is told to come back, never "duplicate".
      expect(await send(init)).toMatchObject({
        status: 409,
        body: { error: "delivery_in_progress" },
        retryAfter: "15",
      });
      clock += 15_000; // The retry honours the Retry-After it was given; the orphaned claim has expired.
      expect(await send(init)).toMatchObject({ status: 202, body: { status: "accepted" } });
      expect(queued).toHaveLength(1);
      expect(await send(init)).toMatchObject({ status: 200, body: { status: "duplicate" } });
      expect(memory.ttlSeconds(`${PREFIX}:evt:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52`)).toBe(7 * 24 * 3600);
    });

    it("of two racing deliveries of one event, one enqueues; the other is retried, then a duplicate", async () => {
      const { send, queued, control } = setup();
      let open: () => void = () => {};
      control.enqueueGate = new Promise<void>((resolve) => (open = resolve));
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-720" });
      const first = send(init);
      // The first delivery holds its pending claim while its enqueue is under way.
      await vi.waitFor(() => expect(control.enqueuing).toBe(1));
      expect(await send(init)).toMatchObject({ status: 409, body: { error: "delivery_in_progress" } });
      open();
      expect(await first).toMatchObject({ status: 202 });
      expect(control.enqueuing).toBe(1);
      expect(queued).toHaveLength(1);
      expect(await send(init)).toMatchObject({ status: 200, body: { status: "duplicate" } });
    });

    it("with a waitUntil, answers 202 before the claim's commit lands; a retry meanwhile is busy, then a duplicate", async () => {
      const memory = new MemoryKvStore();
      let landCommit: () => void = () => {};
      const commitGate = new Promise<void>((resolve) => (landCommit = resolve));
      // The commit is the claim's only `set`: it waits for the gate, as a slow store round trip would.
      const kv: KvStore = Object.assign(Object.create(memory) as KvStore, {
        set: async (...args: Parameters<KvStore["set"]>) => {
          await commitGate;
          return memory.set(...args);
        },
      });
      const deferred: Promise<unknown>[] = [];
      const { send, queued } = setup({ kv, defer: (work) => deferred.push(work) });
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-740" });

      expect(await send(init)).toMatchObject({ status: 202, body: { status: "accepted" } });
      expect(deferred).toHaveLength(2); // the claim's commit and the delivery's log line
      expect(await send(init)).toMatchObject({ status: 409, body: { error: "delivery_in_progress" } });
      landCommit();
      await Promise.all(deferred);
      expect(await send(init)).toMatchObject({ status: 200, body: { status: "duplicate" } });
      expect(queued).toHaveLength(1);
      expect(memory.ttlSeconds(`${PREFIX}:evt:d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52`)).toBe(7 * 24 * 3600);
    });

    it("with a waitUntil, writes the delivery's log line after the answer, with the answer's status", async () => {
      const deferred: Promise<unknown>[] = [];
      const { send, lines } = setup({ defer: (work) => deferred.push(work) });
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-750" });
      expect(await send(init)).toMatchObject({ status: 202 });
      expect(lines.filter((line) => line.msg === "zendesk webhook")).toHaveLength(0);
      await Promise.all(deferred);
      expect(lines.filter((line) => line.msg === "zendesk webhook")).toEqual([
        expect.objectContaining({ level: "info", status: 202, outcome: "accepted", delivery_id: "inv-750" }),
      ]);
    });

    it("answers 202 when the event is queued but committing the claim fails, and enqueues once", async () => {
      const memory = new MemoryKvStore();
      const kv: KvStore = Object.assign(Object.create(memory) as KvStore, {
        set: () => Promise.reject(new Error("connection reset")),
      });
      const { send, queued, lines } = setup({ kv });
      const init = await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-730" });
      expect(await send(init)).toMatchObject({ status: 202, body: { status: "accepted" } });
      expect(queued).toHaveLength(1);
      expect(lines.some((line) => line.level === "error" && String(line.msg).includes("commit failed"))).toBe(true);
    });
  });

  it("verifies with any configured secret during a rotation", async () => {
    const { send, queued } = setup({ secrets: ["new-signing-secret", TEST_ZENDESK_WEBHOOK_SECRET] });
    expect(
      (await send(await signedZendeskRequest(fixture("comment-added"), { secret: TEST_ZENDESK_WEBHOOK_SECRET })))
        .status,
    ).toBe(202);
    expect(
      (await send(await signedZendeskRequest(fixture("status-changed"), { secret: "new-signing-secret" }))).status,
    ).toBe(202);
    expect(
      (await send(await signedZendeskRequest(fixture("ticket-created"), { secret: "retired-secret" }))).status,
    ).toBe(401);
    expect(queued).toHaveLength(2);
  });

  it("logs one line per delivery with ids, status and timing, and never the body", async () => {
    const { send, lines } = setup();
    await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-800" }));
    await send(await signedZendeskRequest(fixture("comment-added"), { invocationId: "inv-801", secret: "wrong" }));
    const deliveries = lines.filter((line) => line.msg === "zendesk webhook");
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]).toMatchObject({
      level: "info",
      delivery_id: "inv-800",
      ticket_id: "5158",
      status: 202,
      outcome: "accepted",
    });
    expect(deliveries[0]?.elapsed_ms).toEqual(expect.any(Number));
    expect(deliveries[1]).toMatchObject({
      level: "warn",
      delivery_id: "inv-801",
      status: 401,
      outcome: "bad_signature",
    });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("both charges");
    expect(logged).not.toContain("Sam Customer");
    expect(logged).not.toContain(TEST_ZENDESK_WEBHOOK_SECRET);
  });
});
