import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { toDeskmateError } from "../../src/lib/errors.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import type { QueueMessageBody } from "../../src/domain/queue-message.ts";
import type { KvStore } from "../../src/ports/kv-store.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { webhookRoute } from "../../src/http/webhook-route.ts";
import { intercomWebhookAdapter } from "../../src/platforms/intercom/intercom-webhook-adapter.ts";
import { TEST_INTERCOM_CLIENT_SECRET } from "./signed-intercom-request.ts";

export type Json = Record<string, any>;
export const INTERCOM_WEBHOOK_PATH = "/webhooks/intercom";

/**
 * A captured notification, its envelope re-dated to now (`created_at`, `first_sent_at`): the route
 * ignores notifications whose signed `created_at` is older than the claim window. The conversation
 * inside keeps its captured timestamps. `asCaptured` returns the file untouched.
 */
export function intercomFixture(name: string, options: { asCaptured?: boolean } = {}): Json {
  const json = JSON.parse(readFileSync(new URL(`../fixtures/intercom/${name}.json`, import.meta.url), "utf8")) as Json;
  if (options.asCaptured) return json;
  const now = Math.floor(Date.now() / 1000);
  return { ...json, created_at: now, ...(json.first_sent_at === undefined ? {} : { first_sent_at: now }) };
}

export interface IntercomWebhookAppOptions {
  /** Defaults to TEST_INTERCOM_CLIENT_SECRET; null = not configured. */
  secret?: string | null;
  kv?: KvStore;
  stateFor?: (account: string) => StateStore;
  /** Every enqueue throws what this returns. */
  enqueueError?: () => unknown;
  /** The route's clock (claim window checks); the real clock by default. */
  now?: () => Date;
}

/**
 * A tiny Hono app around the webhook route with the Intercom adapter, an in-memory store, a recording
 * queue and a memory logger. Its error handler renders an escaped DeskmateError with the error's own status, like
 * createApp's, so a test sees what Intercom would see if the route let an error escape.
 */
export function intercomWebhookApp(options: IntercomWebhookAppOptions = {}) {
  const kv = options.kv ?? new MemoryKvStore();
  const queued: QueueMessageBody[] = [];
  const accounts: string[] = [];
  const control = {
    secret: options.secret === undefined ? TEST_INTERCOM_CLIENT_SECRET : options.secret,
    failEnqueue: 0,
  };
  const { logger, lines } = createMemoryLogger();
  const app = new Hono();
  app.onError((error, c) => c.json({ error: "escaped" }, toDeskmateError(error).status as 500));
  app.post(
    INTERCOM_WEBHOOK_PATH,
    webhookRoute({
      adapter: intercomWebhookAdapter({ secret: () => control.secret }),
      stateFor:
        options.stateFor ??
        ((account) => {
          accounts.push(account);
          return new StateStore(kv, { platform: "intercom", account });
        }),
      enqueue: async (body) => {
        if (options.enqueueError) throw options.enqueueError();
        if (control.failEnqueue > 0) {
          control.failEnqueue -= 1;
          throw new Error("queue unavailable");
        }
        queued.push(structuredClone(body));
      },
      logger,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  const send = async (init: RequestInit) => {
    const response = await app.request(INTERCOM_WEBHOOK_PATH, init);
    return { status: response.status, body: (await response.json()) as Json };
  };
  return { app, kv: kv as MemoryKvStore, queued, control, lines, accounts, send };
}
