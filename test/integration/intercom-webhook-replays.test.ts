import { describe, expect, it } from "vitest";
import type { KvStore } from "../../src/ports/kv-store.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { userReplied } from "../support/intercom-events.ts";
import { intercomFixture as fixture, intercomWebhookApp as setup } from "../support/intercom-webhook-app.ts";
import { useMswServer } from "../support/msw-server.ts";
import { signedIntercomRequest, TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";

// No handlers: the route must not call Intercom (or anything); any outbound request fails the test.
useMswServer();

const DAY = 24 * 3600;
const PREFIX = `dm:intercom:${TEST_INTERCOM_APP_ID}:delivery`;
const conv = { id: "215474343849634", contactId: "6762f0b31bb69f9f2193bc21" };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A memory store and a route sharing one clock the test moves. */
function clocked(options: { failRelease?: boolean } = {}) {
  let clock = Date.now();
  const memory = new MemoryKvStore({ now: () => clock });
  const failing = () => Promise.reject(new Error("connection reset"));
  const kv: KvStore = options.failRelease
    ? Object.assign(Object.create(memory) as KvStore, { delete: failing, deleteIfEquals: failing })
    : memory;
  const app = setup({ kv, now: () => new Date(clock) });
  return {
    ...app,
    memory,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("Intercom notifications outside the claim window (signed created_at)", () => {
  it("ignores a replay sent after the 7-day claim expired, without enqueueing it again", async () => {
    const { send, queued, memory, advance } = clocked();
    const payload = userReplied(conv, { id: "45763812690" });
    const init = await signedIntercomRequest(payload);
    expect((await send(init)).status).toBe(202);
    advance(7 * DAY * 1000 + 1_000);
    expect(memory.ttlSeconds(`${PREFIX}:evt:${payload.id}`)).toBe(-2);
    expect(await send(init)).toEqual({ status: 200, body: { status: "ignored" } });
    expect(queued).toHaveLength(1);
  });

  it("ignores a notification created 8 days ago and claims nothing; one from 6 days ago is accepted", async () => {
    const { send, queued, kv } = setup();
    const stale = userReplied(conv, { id: "1" }, { createdAt: nowSeconds() - 8 * DAY });
    expect(await send(await signedIntercomRequest(stale))).toEqual({ status: 200, body: { status: "ignored" } });
    expect(kv.ttlSeconds(`${PREFIX}:evt:${stale.id}`)).toBe(-2);
    const recent = userReplied(conv, { id: "2" }, { createdAt: nowSeconds() - 6 * DAY });
    expect((await send(await signedIntercomRequest(recent))).status).toBe(202);
    expect(queued.map((q) => q.event.eventId)).toEqual([recent.id]);
  });

  it("ignores a notification dated a day ahead (it would outlive its claim); accepts minutes of skew", async () => {
    const { send, queued, lines } = setup();
    const future = userReplied(conv, { id: "3" }, { createdAt: nowSeconds() + DAY });
    expect(await send(await signedIntercomRequest(future))).toEqual({ status: 200, body: { status: "ignored" } });
    const skewed = userReplied(conv, { id: "4" }, { createdAt: nowSeconds() + 5 * 60 });
    expect((await send(await signedIntercomRequest(skewed))).status).toBe(202);
    expect(queued.map((q) => q.event.eventId)).toEqual([skewed.id]);
    expect(lines.find((line) => line.delivery_id === future.id)).toMatchObject({ reason: "notification_from_future" });
  });
});

describe("Intercom two-phase claim", () => {
  it("processes Intercom's retry when enqueue failed and releasing the claim failed too", async () => {
    const { send, queued, control, advance } = clocked({ failRelease: true });
    control.failEnqueue = 1;
    const init = await signedIntercomRequest(userReplied(conv, { id: "45763812691" }));
    expect(await send(init)).toMatchObject({ status: 503, body: { error: "enqueue_failed" } });
    advance(60_000); // Intercom retries a failed delivery once, a minute later.
    expect(await send(init)).toMatchObject({ status: 202, body: { status: "accepted" } });
    expect(queued).toHaveLength(1);
    expect(await send(init)).toEqual({ status: 200, body: { status: "duplicate" } });
  });
});

describe("Intercom payloads in the 1.x webhook format", () => {
  it("refuses them with 200 and the fix (set the webhook API version to 2.x), logged once, no enqueue", async () => {
    const { send, queued, lines, kv } = setup();
    const payload = fixture("v1-user-replied");
    for (const attempt of [1, 2]) {
      const response = await send(await signedIntercomRequest({ ...payload, delivery_attempts: attempt }));
      expect(response).toMatchObject({
        status: 200,
        body: { status: "rejected", error: "unsupported_webhook_version" },
      });
      expect(response.body.message).toMatch(/API version to 2\.x/);
    }
    expect(queued).toHaveLength(0);
    expect(kv.ttlSeconds(`${PREFIX}:evt:${payload.id}`)).toBe(-2);
    const fixes = lines.filter((line) => line.level === "error" && String(line.msg).includes("2.x"));
    expect(fixes).toHaveLength(1);
    expect(
      lines.filter((line) => line.msg === "intercom webhook" && line.outcome === "unsupported_webhook_version"),
    ).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain("charged twice");
  });

  it("still accepts a 2.x conversation that happens to carry a `user` field", async () => {
    const { send, queued } = setup();
    const payload = userReplied(conv, { id: "45763812692" });
    Object.assign(payload.data.item, { user: { type: "user", id: conv.contactId } });
    expect((await send(await signedIntercomRequest(payload))).status).toBe(202);
    expect(queued).toHaveLength(1);
  });
});

describe('Intercom notifications with "id": null', () => {
  it("are claimed under an id derived from signed content: accepted once, the retry is a duplicate", async () => {
    const { send, queued } = setup();
    const payload = { ...userReplied(conv, { id: "45763812693" }), id: null };
    const first = await send(await signedIntercomRequest(payload));
    expect(first).toMatchObject({
      status: 202,
      body: { status: "accepted", event_id: expect.stringMatching(/^derived_[0-9a-f]{40}$/) },
    });
    // Intercom's retry differs only in its per-attempt fields.
    const retry = { ...payload, delivery_attempts: 2, delivery_status: "retry" };
    expect(await send(await signedIntercomRequest(retry))).toEqual({ status: 200, body: { status: "duplicate" } });
    const other = { ...userReplied(conv, { id: "45763812694" }), id: null };
    expect((await send(await signedIntercomRequest(other))).status).toBe(202);
    expect(queued).toHaveLength(2);
    expect(queued[0]?.event.eventId).not.toBe(queued[1]?.event.eventId);
  });
});
