import type { Env } from "../../src/env.ts";
import { createMemoryLogger, type LogFields } from "../../src/lib/logger.ts";
import type { QueueMessageLike } from "../../src/pipeline/consume-queue.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import type { QueueMessageBody } from "../../src/domain/queue-message.ts";
import type { DecisionRecord } from "../../src/domain/ledger.ts";
import type { Platform } from "../../src/domain/support-event.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { createRuntime } from "../../src/runtime.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { INTERCOM_SANDBOX } from "./intercom-sandbox.ts";
import { sqliteD1 } from "./sqlite-d1.ts";
import { signedIntercomRequest, TEST_INTERCOM_CLIENT_SECRET } from "./signed-intercom-request.ts";
import {
  signedZendeskRequest,
  TEST_ZENDESK_WEBHOOK_SECRET,
  type SignedZendeskRequestOptions,
} from "./signed-zendesk-request.ts";

/** Cloudflare Queues' per-message limit (developers.cloudflare.com/queues/platform/limits). */
export const QUEUE_MESSAGE_LIMIT_BYTES = 128_000;

export interface HarnessOptions {
  env?: Partial<Env>;
  decide?: Decider;
  /** Bind a recording queue; otherwise events run through `waitUntil`. */
  queue?: boolean;
  /** The store to use (e.g. one on a fake clock); a fresh in-memory one by default. */
  kv?: MemoryKvStore;
  /** The ledger's database (e.g. one that fails once); the SQLite D1 shim by default; null: LEDGER unbound. */
  ledgerDb?: ReturnType<typeof sqliteD1> | null;
}

export interface RecordedMessage extends QueueMessageLike {
  acked: boolean;
  retried: Array<{ delaySeconds?: number }>;
}

/**
 * The real worker (createRuntime) with an in-memory store and a memory logger. Webhooks go in through
 * `app.request`; with no queue bound, `deliver` waits for the `waitUntil` work like the runtime would.
 */
export function createHarness(options: HarnessOptions = {}) {
  const kv = options.kv ?? new MemoryKvStore();
  const { logger, lines } = createMemoryLogger();
  const sleeps: number[] = [];
  const sent: QueueMessageBody[] = [];
  /** Messages sent with a delay (the consumer putting a job back for later), in send order. */
  const delayedSends: Array<{ eventId: string; delaySeconds: number }> = [];
  // The outcome ledger on in-memory SQLite with the real migrations, so tests can read the rows.
  const ledgerDb = options.ledgerDb === undefined ? sqliteD1() : options.ledgerDb;
  const env: Env = {
    ...(ledgerDb ? { LEDGER: ledgerDb as unknown as D1Database } : {}),
    ZENDESK_SUBDOMAIN: "acme",
    ZENDESK_OAUTH_CLIENT_ID: "deskmate",
    ZENDESK_OAUTH_CLIENT_SECRET: "test-client-secret",
    ZENDESK_WEBHOOK_SECRET: TEST_ZENDESK_WEBHOOK_SECRET,
    INTERCOM_ACCESS_TOKEN: INTERCOM_SANDBOX.accessToken,
    INTERCOM_CLIENT_SECRET: TEST_INTERCOM_CLIENT_SECRET,
    ...options.env,
  };
  if (options.queue) {
    env.EVENTS_QUEUE = {
      send: async (body: QueueMessageBody, sendOptions?: { delaySeconds?: number }) => {
        // Cloudflare Queues refuse a message over 128 KB; the recording queue does the same.
        const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
        if (bytes > QUEUE_MESSAGE_LIMIT_BYTES)
          throw new Error(`queue send refused: message of ${bytes} bytes is over 128 KB`);
        sent.push(structuredClone(body));
        if (sendOptions?.delaySeconds !== undefined)
          delayedSends.push({ eventId: body.event.eventId, delaySeconds: sendOptions.delaySeconds });
      },
    } as unknown as Queue<QueueMessageBody>;
  }
  const runtime = createRuntime(env, {
    kv,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...(options.decide ? { decide: options.decide } : {}),
  });
  const pending: Array<Promise<unknown>> = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} };

  async function deliver(payload: unknown, opts: SignedZendeskRequestOptions = {}): Promise<Response> {
    const init = await signedZendeskRequest(payload, opts);
    const response = await runtime.app.request("/webhooks/zendesk", init, env, ctx as unknown as ExecutionContext);
    await Promise.all(pending.splice(0));
    return response;
  }

  async function deliverIntercom(payload: unknown): Promise<Response> {
    const init = await signedIntercomRequest(payload);
    const response = await runtime.app.request("/webhooks/intercom", init, env, ctx as unknown as ExecutionContext);
    await Promise.all(pending.splice(0));
    return response;
  }

  /** Hand the queued messages (optionally with an attempt count) to the consumer, like the queue would. */
  async function drainQueue(queueName = "deskmate-events", attempts = 1): Promise<RecordedMessage[]> {
    const messages = sent.splice(0).map((body) => recordedMessage(body, attempts));
    await runtime.consumeQueue(queueName, messages);
    return messages;
  }

  return {
    env,
    kv,
    runtime,
    lines,
    sleeps,
    sent,
    delayedSends,
    deliver,
    deliverIntercom,
    drainQueue,
    ledgerDb,
    /** Every decision row of one platform's account, oldest first (the ledger's own reader). */
    decisions: async (platform: Platform = "zendesk", account = "acme"): Promise<DecisionRecord[]> => {
      if (!ledgerDb) throw new Error("this harness has no ledger (ledgerDb: null)");
      const page = await d1Ledger(ledgerDb).decisions({
        platform,
        account,
        from: "2000-01-01T00:00:00.000Z",
        to: "2100-01-01T00:00:00.000Z",
        limit: 1000,
      });
      return page.rows.reverse();
    },
    /** The pipeline's "event handled" log lines. */
    handled: (): LogFields[] => lines.filter((l) => l.msg === "event handled"),
    /** The Zendesk account's state: every delivery is filed under the configured subdomain. */
    store: () => runtime.pipelineDeps("zendesk", "acme").store,
  };
}

export function recordedMessage(body: QueueMessageBody, attempts = 1): RecordedMessage {
  const message: RecordedMessage = {
    body,
    attempts,
    acked: false,
    retried: [],
    ack() {
      message.acked = true;
    },
    retry(options) {
      message.retried.push(options ?? {});
    },
  };
  return message;
}
