import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { governedFetch } from "../../src/platforms/governed-fetch.ts";
import { intercomRateLimit } from "../../src/platforms/intercom/intercom-rate-limit.ts";
import { zendeskRateLimit } from "../../src/platforms/zendesk/zendesk-rate-limit.ts";
import {
  budgetVerdict,
  INTERCOM_WINDOW,
  jobsPerWindow,
  ZENDESK_WINDOW,
  type GovernorWindow,
} from "../../src/state/governor-budget.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { RequestGovernor } from "../../src/state/request-governor.ts";

/** 06:00:05 UTC: 55 s left in the minute, 5 s in the 10-second window. */
const T0 = Date.parse("2026-12-07T06:00:05Z");

function setup(window: GovernorWindow = ZENDESK_WINDOW) {
  let now = T0;
  const kv = new MemoryKvStore({ now: () => now });
  const { logger, lines } = createMemoryLogger();
  const governor = () =>
    new RequestGovernor({ kv, platform: "zendesk", account: "acme", window, logger, now: () => now });
  return {
    kv,
    lines,
    governor,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A helpdesk answering every request with these headers (the network edge of the wrapper). */
function helpdeskAnswering(headers: Record<string, string>) {
  const seen: string[] = [];
  const fetchFn: typeof fetch = async (input) => {
    seen.push(String(input));
    return new Response("{}", { status: 200, headers });
  };
  return { fetchFn, seen };
}

describe("budgetVerdict", () => {
  it.each([
    ["an empty window takes a job", { limit: 200, share: 0.3, used: 0, requests: 5 }, true],
    ["within the share", { limit: 200, share: 0.3, used: 55, requests: 5 }, true],
    ["over the share", { limit: 200, share: 0.3, used: 56, requests: 5 }, "share_used"],
    ["an empty window over a tiny budget still takes one job", { limit: 10, share: 0.3, used: 0, requests: 5 }, true],
    ["a second job over a tiny budget waits", { limit: 10, share: 0.3, used: 1, requests: 5 }, "share_used"],
    // The others' 70% of 100 must stay free: 75 left - 5 = 70 is fine, 74 - 5 is not.
    ["the account keeps the others' part", { limit: 100, share: 0.3, used: 1, requests: 5, remaining: 75 }, true],
    ["the account runs low", { limit: 100, share: 0.3, used: 1, requests: 5, remaining: 74 }, "account_low"],
    [
      "an empty window, people busy: one job while it fits",
      { limit: 100, share: 0.3, used: 0, requests: 5, remaining: 5 },
      true,
    ],
    ["an empty window, account dry", { limit: 100, share: 0.3, used: 0, requests: 5, remaining: 4 }, "account_low"],
    ["all of the limit", { limit: 100, share: 1, used: 90, requests: 5, remaining: 6 }, true],
  ])("%s", (_name, input, expected) => {
    const verdict = budgetVerdict(input);
    expect(verdict.admit ? true : verdict.reason).toBe(expected);
  });

  it("jobs per window follow the share: a 4-request message on each Zendesk plan at 30%", () => {
    expect([200, 400, 700, 2500].map((limit) => jobsPerWindow(limit, 0.3, 4))).toEqual([14, 29, 52, 187]);
    expect(jobsPerWindow(200, 1, 4)).toBe(49);
  });
});

describe("RequestGovernor", () => {
  it("shares Deskmate's count and the learned limit across instances over one store (isolates)", async () => {
    const { governor } = setup();
    const a = governor();
    const b = governor();
    a.observe({ limit: 20 });
    await a.settle();
    for (let i = 0; i < 4; i++) await a.countRequest();
    // 30% of 20 = 6: the 4 requests A made leave no room for B's 5.
    const refused = await b.reserve(5, 0.3);
    expect(refused).toEqual({
      admitted: false,
      reason: "share_used",
      delaySeconds: 55,
      usage: { account: "zendesk:acme", used: 4, budget: 6, limit: 20, remaining: null, windowSeconds: 60 },
    });
    // A refusal gives its reservation back: the count is still A's 4 requests.
    expect(await b.reserve(5, 0.3)).toMatchObject({ usage: { used: 4 } });
  });

  it("uses the conservative default before any header, and a new window starts empty", async () => {
    const { governor, advance } = setup();
    const g = governor();
    const first = await g.reserve(5, 0.3);
    expect(first.admitted).toBe(true);
    for (let i = 0; i < 56; i++) await g.countRequest();
    // 56 requests + 5 reserved are over 30% of Zendesk's default 200 (60).
    expect(await g.reserve(5, 0.3)).toMatchObject({ admitted: false, usage: { limit: 200, budget: 60, used: 61 } });
    advance(55_000);
    expect((await g.reserve(5, 0.3)).admitted).toBe(true);
  });

  it("a job's reservation counts while it runs and is given back when it ends; its requests stay counted", async () => {
    const { governor } = setup();
    const g = governor();
    g.observe({ limit: 100 });
    const job = await g.reserve(5, 0.3);
    if (!job.admitted) throw new Error("the first job is admitted");
    await g.countRequest();
    await g.countRequest();
    expect(await g.reserve(5, 0.3)).toMatchObject({ admitted: true });
    await job.release();
    // Left: the 2 requests made and the second job's 5 reserved.
    const third = await g.reserve(25, 0.3);
    expect(third).toMatchObject({ admitted: false, usage: { used: 7, budget: 30 } });
  });

  it("waits while the account as a whole runs low, until the helpdesk's window resets", async () => {
    const { governor } = setup(INTERCOM_WINDOW);
    const g = governor();
    await g.countRequest();
    g.observe({ limit: 100, remaining: 74, resetsAt: T0 + 3_000 });
    await g.settle();
    expect(await g.reserve(5, 0.3)).toMatchObject({
      admitted: false,
      reason: "account_low",
      delaySeconds: 3,
      usage: { remaining: 74, limit: 100 },
    });
  });
});

describe("governedFetch", () => {
  it("Zendesk: learns the account's limit from X-Rate-Limit and counts each request to the account", async () => {
    const { governor, lines } = setup();
    const helpdesk = helpdeskAnswering({ "X-Rate-Limit": "20", "X-Rate-Limit-Remaining": "17" });
    const g = governor();
    const fetchFn = governedFetch(helpdesk.fetchFn, {
      governor: g,
      origin: "https://acme.zendesk.com",
      readRateLimit: zendeskRateLimit,
      outside: (path) => path.startsWith("/api/v2/help_center/"),
      logger: createMemoryLogger().logger,
    });
    await fetchFn("https://acme.zendesk.com/api/v2/tickets/1.json");
    // Help Center requests have their own budget at Zendesk.
    await fetchFn("https://acme.zendesk.com/api/v2/help_center/articles/search.json?query=refund");
    await fetchFn(new Request("https://acme.zendesk.com/api/v2/users/me.json"));
    // Another host (attachment storage) is not the account's API.
    await fetchFn("https://acme.zdusercontent.com/attachments/1");
    await g.settle();
    expect(helpdesk.seen).toHaveLength(4);
    // Another instance (another isolate) sees the learned limit and the 2 counted requests.
    const usage = await governor().reserve(5, 0.3);
    expect(usage).toMatchObject({ admitted: false, usage: { limit: 20, budget: 6, used: 2, remaining: 17 } });
    expect(lines).toEqual([]);
  });

  it("Intercom: learns the per-window limit and its reset from X-RateLimit-*", async () => {
    const { governor } = setup(INTERCOM_WINDOW);
    const reset = String((T0 + 8_000) / 1000);
    const helpdesk = helpdeskAnswering({
      "X-RateLimit-Limit": "167",
      "X-RateLimit-Remaining": "100",
      "X-RateLimit-Reset": reset,
    });
    const g = governor();
    const fetchFn = governedFetch(helpdesk.fetchFn, {
      governor: g,
      origin: "https://api.intercom.io",
      readRateLimit: (headers) => intercomRateLimit(headers, T0),
      logger: createMemoryLogger().logger,
    });
    await fetchFn("https://api.intercom.io/conversations/1");
    await g.settle();
    // 100 left of 167 is below what the others keep (70% = 117): wait for Intercom's reset in 8 s.
    expect(await governor().reserve(5, 0.3)).toMatchObject({
      admitted: false,
      reason: "account_low",
      delaySeconds: 8,
      usage: { limit: 167, budget: 50, remaining: 100, windowSeconds: 10 },
    });
  });

  it("a store that is down never fails the helpdesk request", async () => {
    const { governor, kv } = setup();
    const { logger, lines } = createMemoryLogger();
    const helpdesk = helpdeskAnswering({ "X-Rate-Limit": "400" });
    const g = governor();
    const fetchFn = governedFetch(helpdesk.fetchFn, {
      governor: g,
      origin: "https://acme.zendesk.com",
      readRateLimit: zendeskRateLimit,
      logger,
    });
    kv.setAvailable(false);
    const response = await fetchFn("https://acme.zendesk.com/api/v2/tickets/1.json");
    expect(response.status).toBe(200);
    expect(lines.map((l) => l.msg)).toContain("request governor: request not counted");
  });
});
