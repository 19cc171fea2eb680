/**
 * The acknowledgement and the queue under `wrangler dev`, the configuration the issue measures: the
 * real worker (workerd, local queue, local D1) against the sandbox Zendesk on loopback. Paced: one
 * signed webhook, then its event's handling (awaited from the worker's log), then one GET /healthz.
 * The events are Deskmate's own comments on a sandbox ticket, which the consumer skips after its
 * first checks; each timed request waits until the previous event is handled and SETTLE_MS more, so
 * processing does not overlap the request being timed.
 * The queue wait is the `queued_ms` of each `event handled` line.
 */
import { startLocalApis } from "./demo/local-apis.ts";
import { startSandboxWorker } from "./demo/sandbox-worker.ts";
import { percentile } from "./bench-stats.ts";
import { signedZendeskRequest, TEST_ZENDESK_WEBHOOK_SECRET } from "../test/support/signed-zendesk-request.ts";
import { commentAdded } from "../test/support/zendesk-events.ts";
import { SANDBOX } from "../test/support/zendesk-sandbox.ts";

const WARM_UP = 10;
/** A pause before each timed request, so both meet a worker done with the previous event's last steps. */
const SETTLE_MS = 25;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

export async function benchDev(count: number): Promise<string[]> {
  const apis = await startLocalApis();
  const worker = await startSandboxWorker(apis, { secret: TEST_ZENDESK_WEBHOOK_SECRET, model: "none" });
  try {
    await worker.ready();
    const ack: number[] = [];
    const health: number[] = [];
    const queued: number[] = [];
    for (let i = 0; i < count + WARM_UP; i++) {
      const eventId = crypto.randomUUID();
      const payload = commentAdded(
        { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId },
        { id: 80_000 + i, authorId: SANDBOX.assistantId, isStaff: true, isPublic: false },
        new Date().toISOString(),
        eventId,
      );
      const init = await signedZendeskRequest(payload);
      await settle();
      const a = await timed(`${worker.base}/webhooks/zendesk`, init, 202);
      const handled = (await worker.waitForEvent(eventId)) as { queued_ms?: number } | undefined;
      if (!handled) throw new Error(`event ${eventId} was not handled within 15 s`);
      await settle();
      const h = await timed(`${worker.base}/healthz`, {}, 200);
      if (i < WARM_UP) continue;
      ack.push(a);
      health.push(h);
      if (typeof handled.queued_ms === "number") queued.push(handled.queued_ms);
    }
    const line = (name: string, xs: number[]) =>
      `${name} p50 ${percentile(xs, 50).toFixed(2)} ms, p95 ${percentile(xs, 95).toFixed(2)} ms`;
    return [
      `under wrangler dev, paced (${count} signed Zendesk webhooks, each handled before one GET /healthz):`,
      `  ${line("signed webhook", ack)}`,
      `  ${line("/healthz      ", health)}`,
      `  ratio webhook / healthz: p50 ${(percentile(ack, 50) / percentile(health, 50)).toFixed(2)}x, ` +
        `p95 ${(percentile(ack, 95) / percentile(health, 95)).toFixed(2)}x (target p50 <= 1.5x)`,
      `  queue wait, acknowledgement to processing start (queued_ms, ${queued.length} events): ` +
        `p50 ${percentile(queued, 50)} ms, p95 ${percentile(queued, 95)} ms, max ${Math.max(...queued)} ms (target <= 1000 ms)`,
    ];
  } finally {
    worker.stop();
    apis.close();
  }
}

async function timed(url: string, init: RequestInit, expected: number): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== expected) throw new Error(`${url}: expected ${expected}, got ${res.status}`);
  return ms;
}
