/**
 * The acknowledgement against a bare route, paced: one request at a time through the worker's own
 * `fetch` (src/index.ts: the per-isolate runtime, the router, the body limit, the webhook route), a
 * signed Zendesk delivery and a `GET /healthz` alternating, so both see the same machine in the same
 * run. Log lines are built as in production and discarded (the console is not the thing measured).
 */
import worker from "../src/index.ts";
import type { Env } from "../src/env.ts";
import type { QueueMessageBody } from "../src/domain/queue-message.ts";
import { signedZendeskRequest, TEST_ZENDESK_WEBHOOK_SECRET } from "../test/support/signed-zendesk-request.ts";
import { commentAdded } from "../test/support/zendesk-events.ts";
import { percentile } from "./bench-stats.ts";

const ORIGIN = "https://deskmate.bench";

export async function benchAck(count: number): Promise<string[]> {
  const env: Env = {
    ZENDESK_SUBDOMAIN: "acme",
    ZENDESK_OAUTH_CLIENT_ID: "bench",
    ZENDESK_OAUTH_CLIENT_SECRET: "bench-secret",
    ZENDESK_WEBHOOK_SECRET: TEST_ZENDESK_WEBHOOK_SECRET,
    EVENTS_QUEUE: { send: async () => {} } as unknown as Queue<QueueMessageBody>,
  };
  // The route defers the claim's commit and its log line to waitUntil, as the runtime would run them after
  // the answer: they are collected and awaited before the console is restored (not timed, like production).
  const deferred: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (work: Promise<unknown>) => void deferred.push(work),
    passThroughOnException: () => {},
    props: {},
  } as unknown as ExecutionContext;
  // Each delivery is a new customer comment (its own event id), signed ahead so signing is not timed,
  // with the content-length every HTTP delivery carries (the body limit checks it without streaming).
  const inits = await Promise.all(
    Array.from({ length: count + WARM_UP }, async (_, i) => {
      const init = await signedZendeskRequest(
        commentAdded({ id: 1000 + i, requesterId: 7001 }, { id: 50_000 + i, authorId: 7001, isStaff: false }),
      );
      init.headers["content-length"] = String(new TextEncoder().encode(String(init.body)).length);
      return init;
    }),
  );
  const quiet = silenceConsole();
  const ack: number[] = [];
  const health: number[] = [];
  try {
    for (const [i, init] of inits.entries()) {
      const a = await timed(() => fetchWorker(new Request(`${ORIGIN}/webhooks/zendesk`, init), env, ctx), 202);
      const h = await timed(() => fetchWorker(new Request(`${ORIGIN}/healthz`), env, ctx), 200);
      if (i < WARM_UP) continue;
      ack.push(a);
      health.push(h);
    }
    await Promise.all(deferred);
  } finally {
    quiet.restore();
  }
  const line = (name: string, xs: number[]) =>
    `${name} p50 ${percentile(xs, 50).toFixed(3)} ms, p95 ${percentile(xs, 95).toFixed(3)} ms`;
  const ratio = (p: number) => (percentile(ack, p) / percentile(health, p)).toFixed(2);
  return [
    `acknowledgement, paced (${count} signed Zendesk webhooks, each followed by one GET /healthz):`,
    `  ${line("signed webhook", ack)}`,
    `  ${line("/healthz      ", health)}`,
    `  ratio webhook / healthz: p50 ${ratio(50)}x, p95 ${ratio(95)}x (target p50 <= 1.5x)`,
  ];
}

const WARM_UP = 50;

/** The worker's `fetch` as the runtime calls it (a plain Request stands in for the incoming one). */
async function fetchWorker(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  return await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
}

async function timed(request: () => Promise<Response>, expected: number): Promise<number> {
  const t = performance.now();
  const res = await request();
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}`);
  return ms;
}

function silenceConsole(): { restore: () => void } {
  const { log, warn, error } = console;
  console.log = console.warn = console.error = () => {};
  return { restore: () => Object.assign(console, { log, warn, error }) };
}
