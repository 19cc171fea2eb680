import { randomUUID } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError, TicketLockedError, TicketLockLostError } from "../../src/lib/errors.ts";
import type { KvStore } from "../../src/ports/kv-store.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { emptyTicketState, withOutcome } from "../../src/domain/ticket-state.ts";
import { UpstashKvStore } from "../../src/state/upstash-kv-store.ts";
import { startRedisServer } from "../support/redis-server.ts";
import { startUpstashBridge } from "../support/upstash-rest-bridge.ts";

// Real loopback HTTP on purpose: no msw in this file. UpstashKvStore is tested through its own REST
// client (src/state/upstash-rest-client.ts), a REST bridge and a real redis-server (skipped only when it is not installed
// and CI is unset; startRedisServer throws under CI).
const TOKEN = "bridge-test-token";
const redisServer = await startRedisServer();
const bridge = redisServer ? await startUpstashBridge({ redisPort: redisServer.port, token: TOKEN }) : null;
afterAll(async () => {
  await bridge?.close();
  await redisServer?.stop();
});

interface Fixture {
  store: KvStore;
  /** Seconds left on a key, as Redis TTL reports it (-2 when it does not exist). */
  ttl(key: string): Promise<number>;
  /** Let time pass: advances the memory clock, really waits for Redis. */
  elapse(ms: number): Promise<void>;
}

interface Backend {
  name: string;
  fixture(): Fixture;
}

const memoryBackend: Backend = {
  name: "MemoryKvStore",
  fixture() {
    let now = Date.parse("2026-11-23T10:00:00Z");
    const store = new MemoryKvStore({ now: () => now });
    return {
      store,
      ttl: async (key) => store.ttlSeconds(key),
      elapse: async (ms) => {
        now += ms;
      },
    };
  },
};

function upstashBackend(url: string): Backend {
  return {
    name: "UpstashKvStore (REST bridge + redis-server)",
    fixture: () => ({
      store: new UpstashKvStore({ url, token: TOKEN }),
      ttl: async (key) => Number(((await rawCommand(url, ["TTL", key])) as { result: unknown }).result),
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    }),
  };
}

/** One command straight to the bridge (POST /, no base64), bypassing the store under test. */
async function rawCommand(url: string, command: string[], headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(command),
  });
  return (await res.json()) as unknown;
}

const backends = [memoryBackend, ...(bridge ? [upstashBackend(bridge.url)] : [])];
if (!bridge) {
  const reason = "redis-server is not on PATH (apt-get install redis-server)";
  describe.skip(`UpstashKvStore against real Redis: SKIPPED, ${reason}`, () => {
    it("runs the KvStore and StateStore contracts", () => undefined);
  });
}

describe.each(backends)("KvStore contract: $name", (backend) => {
  let fx: Fixture;
  let key: (name: string) => string;
  beforeEach(() => {
    fx = backend.fixture();
    const prefix = `test:${randomUUID()}`;
    key = (name) => `${prefix}:${name}`;
  });

  it("setIfAbsent creates the key once and refuses while it lives", async () => {
    expect(await fx.store.setIfAbsent(key("claim"), "first", 60)).toBe(true);
    expect(await fx.store.setIfAbsent(key("claim"), "second", 60)).toBe(false);
    expect(await fx.store.get(key("claim"))).toBe("first");
    expect(await fx.ttl(key("claim"))).toBeGreaterThan(55);
  });

  it("expires keys after their TTL", async () => {
    await fx.store.setIfAbsent(key("a"), "1", 1);
    await fx.store.set(key("b"), "2", 1);
    await fx.store.increment(key("c"), 1);
    await fx.elapse(1_100);
    expect(await fx.store.get(key("a"))).toBeNull();
    expect(await fx.store.get(key("b"))).toBeNull();
    expect(await fx.store.setIfAbsent(key("a"), "again", 60)).toBe(true);
    expect(await fx.store.increment(key("c"), 60)).toBe(1);
  });

  it("gets, overwrites and deletes", async () => {
    expect(await fx.store.get(key("k"))).toBeNull();
    await fx.store.set(key("k"), "v1", 30);
    await fx.store.set(key("k"), "v2", 30);
    expect(await fx.store.get(key("k"))).toBe("v2");
    expect(await fx.ttl(key("k"))).toBeGreaterThan(0);
    expect(await fx.ttl(key("k"))).toBeLessThanOrEqual(30);
    await fx.store.delete(key("k"));
    expect(await fx.store.get(key("k"))).toBeNull();
    expect(await fx.ttl(key("k"))).toBe(-2);
    await expect(fx.store.delete(key("never-set"))).resolves.toBeUndefined();
  });

  it("returns values verbatim, including ones that look like JSON, numbers or status replies", async () => {
    const values = ["123", '{"a":1}', "true", "null", "OK", "PONG", "", "héllo ✓ 🎫", "line1\nline2"];
    for (const [i, value] of values.entries()) await fx.store.set(key(`v${i}`), value, 30);
    for (const [i, value] of values.entries()) expect(await fx.store.get(key(`v${i}`))).toBe(value);
  });

  it("deleteIfEquals deletes only when the value matches", async () => {
    await fx.store.set(key("lock"), "owner-a", 30);
    expect(await fx.store.deleteIfEquals(key("lock"), "owner-b")).toBe(false);
    expect(await fx.store.get(key("lock"))).toBe("owner-a");
    expect(await fx.store.deleteIfEquals(key("lock"), "owner-a")).toBe(true);
    expect(await fx.store.get(key("lock"))).toBeNull();
    expect(await fx.store.deleteIfEquals(key("lock"), "owner-a")).toBe(false);
  });

  it("expireIfEquals renews the TTL only for the owner's value", async () => {
    await fx.store.set(key("lease"), "owner-a", 2);
    expect(await fx.store.expireIfEquals(key("lease"), "owner-b", 60)).toBe(false);
    expect(await fx.ttl(key("lease"))).toBeLessThanOrEqual(2);
    expect(await fx.store.expireIfEquals(key("lease"), "owner-a", 60)).toBe(true);
    expect(await fx.ttl(key("lease"))).toBeGreaterThan(55);
    expect(await fx.store.get(key("lease"))).toBe("owner-a");
    expect(await fx.store.expireIfEquals(key("gone"), "owner-a", 60)).toBe(false);
    expect(await fx.ttl(key("gone"))).toBe(-2);
  });

  it("setIfGuardEquals writes only while the guard key holds the guard value", async () => {
    await fx.store.set(key("lock"), "owner-a", 30);
    expect(await fx.store.setIfGuardEquals(key("state"), "from-b", 60, key("lock"), "owner-b")).toBe(false);
    expect(await fx.store.get(key("state"))).toBeNull();
    expect(await fx.store.setIfGuardEquals(key("state"), "from-a", 60, key("lock"), "owner-a")).toBe(true);
    expect(await fx.store.get(key("state"))).toBe("from-a");
    expect(await fx.ttl(key("state"))).toBeGreaterThan(55);
    await fx.store.delete(key("lock"));
    expect(await fx.store.setIfGuardEquals(key("state"), "late-a", 60, key("lock"), "owner-a")).toBe(false);
    expect(await fx.store.get(key("state"))).toBe("from-a");
  });

  it("increment counts from 1, sets the TTL on the new key and keeps it", async () => {
    expect(await fx.store.increment(key("n"), 60)).toBe(1);
    expect(await fx.ttl(key("n"))).toBeGreaterThan(55);
    expect(await fx.store.increment(key("n"), 3_600)).toBe(2);
    expect(await fx.store.increment(key("n"), 3_600)).toBe(3);
    expect(await fx.ttl(key("n"))).toBeLessThanOrEqual(60);
  });

  it("incrementBy adds and gives back atomically, setting the TTL only on a new key", async () => {
    expect(await fx.store.incrementBy(key("n"), 5, 60)).toBe(5);
    expect(await fx.ttl(key("n"))).toBeGreaterThan(55);
    expect(await fx.store.increment(key("n"), 3_600)).toBe(6);
    expect(await fx.store.incrementBy(key("n"), -5, 3_600)).toBe(1);
    expect(await fx.ttl(key("n"))).toBeLessThanOrEqual(60);
    // Parallel reservations never lose an update (one script per call on Redis).
    const results = await Promise.all(Array.from({ length: 8 }, () => fx.store.incrementBy(key("p"), 3, 60)));
    expect([...results].sort((a, b) => a - b)).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    await expect(fx.store.incrementBy(key("n"), 1.5, 60)).rejects.toBeInstanceOf(RangeError);
  });

  it("increment of a non-integer value fails as StoreUnavailableError", async () => {
    await fx.store.set(key("text"), "not a number", 30);
    await expect(fx.store.increment(key("text"), 30)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it("rejects TTLs that are not positive integers before touching the store", async () => {
    await expect(fx.store.set(key("x"), "v", 0)).rejects.toBeInstanceOf(RangeError);
    await expect(fx.store.setIfAbsent(key("x"), "v", 1.5)).rejects.toBeInstanceOf(RangeError);
    expect(await fx.store.get(key("x"))).toBeNull();
  });

  it("ping resolves", async () => {
    await expect(fx.store.ping()).resolves.toBeUndefined();
  });
});

describe.each(backends)("StateStore over $name", (backend) => {
  let fx: Fixture;
  let state: StateStore;
  beforeEach(() => {
    fx = backend.fixture();
    state = new StateStore(fx.store, { platform: "zendesk", account: `acct-${randomUUID()}` });
  });

  it("claims a delivery in two phases: pending until committed, then a duplicate for the full TTL", async () => {
    const first = await state.claimDelivery("evt-1", 15);
    expect(first).toEqual({ status: "claimed", token: expect.stringMatching(/^pending:/) });
    expect(await fx.ttl(state.key("delivery", "evt-1"))).toBeLessThanOrEqual(15);
    expect(await state.claimDelivery("evt-1", 15)).toEqual({ status: "pending" });
    expect(await state.claimDelivery("evt-2", 15)).toMatchObject({ status: "claimed" });
    await state.commitDelivery("evt-1", 3_600);
    expect(await state.claimDelivery("evt-1", 15)).toEqual({ status: "committed" });
    expect(await fx.ttl(state.key("delivery", "evt-1"))).toBeGreaterThan(3_500);
  });

  it("releases a pending claim only with its own token, so the retry can claim again", async () => {
    const claim = await state.claimDelivery("evt-1", 15);
    if (claim.status !== "claimed") throw new Error("expected a claim");
    expect(await state.releaseDelivery("evt-1", "pending:someone-else")).toBe(false);
    expect(await state.claimDelivery("evt-1", 15)).toEqual({ status: "pending" });
    expect(await state.releaseDelivery("evt-1", claim.token)).toBe(true);
    expect(await state.claimDelivery("evt-1", 15)).toMatchObject({ status: "claimed" });
  });

  it("lets a pending claim that was never committed nor released expire after its short TTL", async () => {
    expect(await state.claimDelivery("evt-3", 1)).toMatchObject({ status: "claimed" });
    expect(await state.claimDelivery("evt-3", 1)).toEqual({ status: "pending" });
    await fx.elapse(1_100);
    expect(await state.claimDelivery("evt-3", 1)).toMatchObject({ status: "claimed" });
  });

  it("reads a claim written before the two-phase claim (a bare timestamp) as committed", async () => {
    await fx.store.set(state.key("delivery", "evt-old"), "2026-11-23T10:00:00.000Z", 60);
    expect(await state.claimDelivery("evt-old", 15)).toEqual({ status: "committed" });
  });

  it("withTicketLock runs fn, and a concurrent lock on the same ticket fails while it is held", async () => {
    const result = await state.withTicketLock("42", async () => {
      await expect(state.withTicketLock("42", async () => "second")).rejects.toBeInstanceOf(TicketLockedError);
      expect(await state.withTicketLock("43", async () => "other ticket")).toBe("other ticket");
      return "first";
    });
    expect(result).toBe("first");
    expect(await state.withTicketLock("42", async () => "after")).toBe("after");
  });

  it("releases the lock when fn throws", async () => {
    const boom = new Error("boom");
    await expect(state.withTicketLock("7", () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await fx.store.get(state.key("lock", "7"))).toBeNull();
    expect(await state.withTicketLock("7", async () => "ok")).toBe("ok");
  });

  it("a lock lives for the TTL the job asks for, and renewing extends it", async () => {
    await state.withTicketLock(
      "11",
      async (lease) => {
        expect(await fx.ttl(state.key("lock", "11"))).toBeGreaterThan(895);
        await fx.store.expireIfEquals(state.key("lock", "11"), (await fx.store.get(state.key("lock", "11")))!, 5);
        await lease.renew();
        expect(await fx.ttl(state.key("lock", "11"))).toBeGreaterThan(895);
      },
      { ttlSeconds: 900 },
    );
  });

  it("a job that lost its lock can neither renew it nor write the ticket state over the newer job's", async () => {
    const newer = { ...emptyTicketState(), aiTurns: 1, lastHandledCommentId: "c-2" };
    await state.withTicketLock(
      "12",
      async (oldLease) => {
        await state.putTicketState("12", { ...emptyTicketState(), lastHandledCommentId: "c-0" }, oldLease);
        await fx.elapse(1_100); // the old job hangs past its TTL
        await state.withTicketLock("12", async (newLease) => state.putTicketState("12", newer, newLease));
        await expect(oldLease.renew()).rejects.toBeInstanceOf(TicketLockLostError);
        const stale = { ...emptyTicketState(), lastHandledCommentId: "c-1" };
        await expect(state.putTicketState("12", stale, oldLease)).rejects.toBeInstanceOf(TicketLockLostError);
      },
      { ttlSeconds: 1 },
    );
    expect(await state.getTicketState("12")).toEqual(newer);
  });

  it("returns an empty ticket state, then the stored one", async () => {
    expect(await state.getTicketState("9")).toEqual(emptyTicketState());
    const stored = withOutcome(
      { ...emptyTicketState(), aiTurns: 1, lastHandledCommentId: "c-5" },
      { at: "2026-11-23T10:00:00.000Z", eventId: "evt-9", outcome: "skip", reasons: ["own_comment"] },
    );
    await state.putTicketState("9", stored);
    expect(await state.getTicketState("9")).toEqual(stored);
    expect(await fx.ttl(state.key("ticket", "9"))).toBeGreaterThan(29 * 24 * 3600);
  });

  it("counts per day with a 90-day TTL", async () => {
    const at = new Date("2026-11-23T12:00:00Z");
    expect(await state.incrementCounter("outcome:escalate", at)).toBe(1);
    expect(await state.incrementCounter("outcome:escalate", at)).toBe(2);
    expect(await state.incrementCounter("outcome:escalate", new Date("2026-11-24T00:00:00Z"))).toBe(1);
    expect(await fx.ttl(state.key("count", "2026-11-23", "outcome:escalate"))).toBeGreaterThan(89 * 24 * 3600);
  });
});

describe("UpstashKvStore failures become StoreUnavailableError", () => {
  it("rejects quickly when nothing listens on the port (webhook route answers 503)", async () => {
    const store = new UpstashKvStore({ url: `http://127.0.0.1:${await closedPort()}`, token: TOKEN });
    const started = Date.now();
    const error = await store.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives up after timeoutMs on a store that accepts connections but never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const store = new UpstashKvStore({ url: `http://127.0.0.1:${port}`, token: TOKEN, timeoutMs: 200 });
      const started = Date.now();
      await expect(store.get("k")).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1_000);
      // Not sent again: a timed-out command may have run (an INCRBY would count twice).
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("sends a command once more when the connection failed before an answer", async () => {
    let connections = 0;
    const flaky = createHttpServer((req, res) => {
      connections += 1;
      if (connections === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result: "PONG" }));
    });
    await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
    try {
      const port = (flaky.address() as AddressInfo).port;
      await new UpstashKvStore({ url: `http://127.0.0.1:${port}`, token: TOKEN }).ping();
      expect(connections).toBe(2);
    } finally {
      flaky.closeAllConnections();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });

  it("rejects on a non-2xx answer (wrong token, or Redis down behind the REST API)", async () => {
    const deadBackend = await startUpstashBridge({ redisPort: await closedPort(), token: TOKEN });
    try {
      const wrongToken = new UpstashKvStore({ url: deadBackend.url, token: "wrong" });
      await expect(wrongToken.get("k")).rejects.toThrow(/upstash get failed: UpstashRestError: HTTP 401: Unauthorized/);
      const redisDown = new UpstashKvStore({ url: deadBackend.url, token: TOKEN });
      await expect(redisDown.set("k", "secret value", 60)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(redisDown.set("k", "secret value", 60)).rejects.not.toThrow(/secret value/);
    } finally {
      await deadBackend.close();
    }
  });
});

describe.skipIf(!bridge)("Upstash REST bridge wire format", () => {
  const url = bridge?.url ?? "";

  it("answers one command at / and base64-encodes strings, recursively, when asked", async () => {
    const k = `test:${randomUUID()}`;
    expect(await rawCommand(url, ["SET", k, "héllo", "EX", "30"])).toEqual({ result: "OK" });
    expect(await rawCommand(url, ["MGET", k, `${k}:missing`], { "Upstash-Encoding": "base64" })).toEqual({
      result: [Buffer.from("héllo").toString("base64"), null],
    });
    expect(await rawCommand(url, ["GET", k])).toEqual({ result: "héllo" });
    expect(await rawCommand(url, ["NOSUCHCOMMAND"])).toMatchObject({ error: expect.stringMatching(/^ERR unknown/) });
  });

  it("answers /pipeline and /multi-exec with one result or error per command", async () => {
    const k = `test:${randomUUID()}`;
    const post = async (path: string, body: unknown) =>
      (await fetch(`${url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as unknown;
    expect(
      await post("/pipeline", [
        ["SET", k, "x", "EX", "30"],
        ["INCR", k],
        ["GET", k],
      ]),
    ).toEqual([{ result: "OK" }, { error: "ERR value is not an integer or out of range" }, { result: "x" }]);
    expect(
      await post("/multi-exec", [
        ["SET", `${k}:n`, "1", "EX", "30"],
        ["INCR", `${k}:n`],
      ]),
    ).toEqual([{ result: "OK" }, { result: 2 }]);
  });
});

/** A loopback port with nothing listening: bind an ephemeral one, then release it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
