/**
 * Peak memory of one unsigned 50 MB body sent to the Zendesk webhook route, with a content-length and
 * chunked without one. Each case runs in a fresh process so one case's heap does not hide the next
 * one's. Reports the answer, how much of the body was read and the peak RSS growth. Run with
 * `node --import ./scripts/register-text-modules.ts scripts/body-limit-memory.ts`.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Env } from "../src/env.ts";
import { createLogger } from "../src/lib/logger.ts";
import { createRuntime } from "../src/runtime.ts";
import { MemoryKvStore } from "../src/state/memory-kv-store.ts";
import { signedZendeskRequest, TEST_ZENDESK_WEBHOOK_SECRET } from "../test/support/signed-zendesk-request.ts";

const SIZE = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;
const CASES = ["content-length", "chunked"] as const;

async function measure(kind: (typeof CASES)[number]): Promise<void> {
  const env: Env = { ZENDESK_SUBDOMAIN: "acme", ZENDESK_WEBHOOK_SECRET: TEST_ZENDESK_WEBHOOK_SECRET };
  const { app } = createRuntime(env, { kv: new MemoryKvStore(), logger: createLogger({}, () => {}) });
  // A real signature over other bytes: every header is present, so only the body decides the answer.
  const { headers } = await signedZendeskRequest("{}");
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= SIZE) return controller.close();
      controller.enqueue(chunk);
      sent += CHUNK;
    },
  });
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
  const extra = kind === "content-length" ? { "content-length": String(SIZE) } : {};
  const response = await app.request(
    "/webhooks/zendesk",
    { method: "POST", headers: { ...headers, ...extra }, body, duplex: "half" } as RequestInit,
    env,
  );
  await response.text();
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
  console.log(
    JSON.stringify({
      case: kind,
      status: response.status,
      body_read_mb: mb(sent),
      baseline_rss_mb: mb(baseline),
      peak_rss_growth_mb: mb(peak - baseline),
    }),
  );
}

const which = process.argv[2];
if (which === "content-length" || which === "chunked") {
  await measure(which);
} else {
  for (const kind of CASES) {
    const run = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "./scripts/register-text-modules.ts", fileURLToPath(import.meta.url), kind],
      { encoding: "utf8" },
    );
    process.stdout.write(run.stdout || run.stderr);
  }
}
