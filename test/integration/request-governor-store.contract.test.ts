import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { ZENDESK_WINDOW } from "../../src/state/governor-budget.ts";
import { RequestGovernor } from "../../src/state/request-governor.ts";
import { UpstashKvStore } from "../../src/state/upstash-kv-store.ts";
import { startRedisServer } from "../support/redis-server.ts";
import { startUpstashBridge } from "../support/upstash-rest-bridge.ts";

// The governor as production runs it: each isolate with its own store client, all on one Upstash database
// (here the REST bridge in front of a real redis-server; skipped only when it is not installed and CI is unset).
const TOKEN = "governor-test-token";
const redisServer = await startRedisServer();
const bridge = redisServer ? await startUpstashBridge({ redisPort: redisServer.port, token: TOKEN }) : null;
afterAll(async () => {
  await bridge?.close();
  await redisServer?.stop();
});

/** 20 s into a minute: 40 s left in Zendesk's window. */
const NOW = Date.parse("2026-12-07T06:00:20Z");

describe.skipIf(!bridge)("RequestGovernor over Upstash (REST bridge + redis-server)", () => {
  const isolate = (account: string) =>
    new RequestGovernor({
      kv: new UpstashKvStore({ url: bridge?.url ?? "", token: TOKEN }),
      platform: "zendesk",
      account,
      window: ZENDESK_WINDOW,
      logger: createMemoryLogger().logger,
      now: () => NOW,
    });

  it("two isolates share the learned limit and Deskmate's count: the second is held back, then admitted", async () => {
    const account = `acme-${randomUUID()}`;
    const a = isolate(account);
    const b = isolate(account);
    a.observe({ limit: 20 });
    await a.settle();
    for (let i = 0; i < 4; i++) await a.countRequest();
    // 30% of 20 = 6, and isolate A's 4 requests leave no room for B's reservation of 5.
    expect(await b.reserve(5, 0.3)).toEqual({
      admitted: false,
      reason: "share_used",
      delaySeconds: 40,
      usage: { account: `zendesk:${account}`, used: 4, budget: 6, limit: 20, remaining: null, windowSeconds: 60 },
    });
    // At half the account's limit for Deskmate (10), the same reservation fits beside A's 4 requests,
    // and isolate A now sees it held: 4 requests + 5 reserved.
    expect(await b.reserve(5, 0.5)).toMatchObject({ admitted: true });
    expect(await a.reserve(1, 0.3)).toMatchObject({ admitted: false, usage: { used: 9, budget: 6 } });
  });
});
