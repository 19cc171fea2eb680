/**
 * Benchmarks (`npm run bench`), against the sandbox helpdesks:
 * - queue processing: one customer message from queue to helpdesk writes (context wave, decision,
 *   writes), wall time and CPU per event. The CPU figure includes the in-process sandbox and msw, so
 *   it is an upper bound for the worker's own CPU.
 * - CPU per event without I/O for triage, policy and the handoff's rendering on the scenario suite (bench-cpu.ts);
 * - the acknowledgement: a signed webhook against GET /healthz, paced, and their ratio, in-process
 *   (bench-ack.ts) and under wrangler dev with the queue wait from acknowledgement to processing (bench-dev.ts);
 * - helpdesk round trips per message by outcome and platform, with a latency on every helpdesk
 *   response so sequential waves show, and what each Zendesk plan's limit allows (bench-waves.ts);
 * - the outcome ledger: write cost per customer message and one metrics report over 100,000 decisions
 *   (scripts/bench-ledger.ts).
 */
import { setupServer } from "msw/node";
import { benchAck } from "./bench-ack.ts";
import { benchCpu } from "./bench-cpu.ts";
import { percentile } from "./bench-stats.ts";
import { benchDev } from "./bench-dev.ts";
import { benchLedger } from "./bench-ledger.ts";
import { benchWaves } from "./bench-waves.ts";
import { benchModelCost } from "./bench-model-cost.ts";
import type { Env } from "../src/env.ts";
import { createLogger } from "../src/lib/logger.ts";
import type { QueueMessageBody } from "../src/domain/queue-message.ts";
import { createRuntime } from "../src/runtime.ts";
import { MemoryKvStore } from "../src/state/memory-kv-store.ts";
import { TEST_ZENDESK_WEBHOOK_SECRET } from "../test/support/signed-zendesk-request.ts";
import { recordedMessage } from "../test/support/worker-harness.ts";
import { createZendeskSandbox } from "../test/support/zendesk-sandbox.ts";

const ACKS = Number(process.env.BENCH_ACKS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100);

const sandbox = createZendeskSandbox();
const server = setupServer(...sandbox.handlers);
server.listen({ onUnhandledFrame: "error" });

const env: Env = {
  ZENDESK_SUBDOMAIN: "acme",
  ZENDESK_OAUTH_CLIENT_ID: "bench",
  ZENDESK_OAUTH_CLIENT_SECRET: "bench-secret",
  ZENDESK_WEBHOOK_SECRET: TEST_ZENDESK_WEBHOOK_SECRET,
  // Events are handed to the consumer directly; the only send would be the request governor putting a job
  // back for later, which would leave it unmeasured: refused, so the message is not acked and the bench stops.
  EVENTS_QUEUE: {
    send: async () => {
      throw new Error("the request governor delayed a job: lower BENCH_EVENTS");
    },
  } as unknown as Queue<QueueMessageBody>,
};
const runtime = createRuntime(env, { kv: new MemoryKvStore(), logger: createLogger({}, () => {}) });

// Processing: each event is the first message of a new ticket from a new customer. (Follow-ups on one
// ticket would measure the awaiting-human path after its first escalation, not a decision.)
function replyEvent(i: number): QueueMessageBody {
  const customer = sandbox.addCustomer(`Bench Customer ${i}`);
  const ticket = sandbox.addTicket({
    subject: `Bench ${i}`,
    requesterId: customer.id,
    comments: [{ authorId: customer.id, body: `Question ${i}` }],
  });
  const comment = ticket.comments.at(-1)!;
  return {
    v: 1,
    receivedAt: new Date().toISOString(),
    event: {
      platform: "zendesk",
      accountId: "12345678",
      deliveryId: `bench-${i}`,
      eventId: `bench-${i}`,
      kind: "comment_added",
      ticketId: String(ticket.id),
      occurredAt: new Date().toISOString(),
      source: "event_subscription",
      requesterId: String(customer.id),
      comment: { id: String(comment.id), authorId: String(customer.id), isPublic: true, authorIsStaff: false },
    },
  };
}
const processMs: number[] = [];
const cpuUs: number[] = [];
const before = { reads: sandbox.requests.filter((r) => r.method === "GET").length, writes: sandbox.writes().length };
for (let i = 0; i < EVENTS; i++) {
  const message = recordedMessage(replyEvent(i));
  const cpu = process.cpuUsage();
  const t = performance.now();
  await runtime.consumeQueue("deskmate-events", [message]);
  processMs.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  cpuUs.push(used.user + used.system);
  if (!message.acked) throw new Error("event not acknowledged");
}
server.close();

const pct = percentile;
const fmt = (n: number) => n.toFixed(2);
console.log(
  `processing (${EVENTS} customer messages): wall p50 ` +
    `${fmt(pct(processMs, 50))} ms, p95 ${fmt(pct(processMs, 95))} ms; ` +
    `CPU incl. sandbox p50 ${fmt(pct(cpuUs, 50) / 1000)} ms, p95 ${fmt(pct(cpuUs, 95) / 1000)} ms`,
);
const reads = sandbox.requests.filter((r) => r.method === "GET").length - before.reads;
const writes = sandbox.writes().length - before.writes;
console.log(
  `helpdesk requests per message (escalation, draft mode, requester ` +
    `without organization): ${fmt(reads / EVENTS)} reads, ` +
    `${fmt(writes / EVENTS)} writes`,
);

for (const line of await benchCpu(Number(process.env.BENCH_CPU_ROUNDS ?? 200))) console.log(line);
for (const line of await benchAck(ACKS)) console.log(line);
for (const line of await benchWaves()) console.log(line);
// BENCH_DEV=0 skips the wrangler dev part (about 20 s: start-up and one handled event per delivery).
const DEV_ACKS = Number(process.env.BENCH_DEV ?? 100);
if (DEV_ACKS > 0) for (const line of await benchDev(DEV_ACKS)) console.log(line);
for (const line of await benchLedger()) console.log(line);
for (const line of await benchModelCost()) console.log(line);
