import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { SettingsLoader } from "./config/load-settings.ts";
import type { Settings } from "./config/settings-schema.ts";
import type { Env } from "./env.ts";
import { ConfigError } from "./errors.ts";
import type { Helpdesk } from "./helpdesk/helpdesk.ts";
import { zendeskConfigFromEnv } from "./helpdesk/zendesk/zendesk-config.ts";
import { ZendeskHelpdesk } from "./helpdesk/zendesk/zendesk-helpdesk.ts";
import { createLogger, type Logger } from "./observability/logger.ts";
import { consumeDeadLetters, consumeEvents, type QueueMessageLike } from "./pipeline/consume-queue.ts";
import type { Decider } from "./pipeline/decider.ts";
import { createEngineDecider } from "./pipeline/decide-message.ts";
import { anthropicModelFromEnv } from "./agent/anthropic-model.ts";
import type { Knowledge } from "./knowledge/knowledge.ts";
import { ZendeskHelpCenter } from "./knowledge/zendesk-help-center.ts";
import type { PipelineDeps } from "./pipeline/pipeline-deps.ts";
import type { QueueMessageBody } from "./pipeline/queue-message.ts";
import { runWithoutQueue } from "./pipeline/run-without-queue.ts";
import type { KvStore } from "./state/kv-store.ts";
import { MemoryKvStore } from "./state/memory-kv-store.ts";
import { StateStore } from "./state/state-store.ts";
import { upstashKvStoreFromEnv } from "./state/upstash-kv-store.ts";

export interface RuntimeOverrides {
  kv?: KvStore;
  logger?: Logger;
  decide?: Decider;
  sleep?: (ms: number) => Promise<void>;
}

export interface Runtime {
  app: Hono;
  consumeQueue(queueName: string, messages: readonly QueueMessageLike[]): Promise<void>;
  pipelineDeps(accountId: string): PipelineDeps;
}

/**
 * Composition root: builds clients from the bindings once per isolate and wires routes and the queue
 * consumer. Configuration problems do not stop the webhook route from failing closed; they surface as
 * retryable errors on the queue side (events wait in the queue until the admin fixes the settings).
 */
export function createRuntime(env: Env, overrides: RuntimeOverrides = {}): Runtime {
  const logger = overrides.logger ?? createLogger({ service: "deskmate" });
  const kv = overrides.kv ?? storeFromEnv(env, logger);
  const stores = new Map<string, StateStore>();
  const stateFor = (accountId: string) => {
    let store = stores.get(accountId);
    if (!store) stores.set(accountId, (store = new StateStore(kv, { platform: "zendesk", account: accountId })));
    return store;
  };

  let helpdesk: ZendeskHelpdesk | undefined;
  const zendesk = (): ZendeskHelpdesk => {
    helpdesk ??= new ZendeskHelpdesk({ config: zendeskConfigFromEnv(env), logger, ...(overrides.sleep ? { sleep: overrides.sleep } : {}) });
    return helpdesk;
  };
  const settingsLoader = new SettingsLoader({
    env: env as Record<string, unknown>,
    fetchInstallationSettings: env.ZENDESK_APP_ID ? () => zendesk().getAppInstallationSettings(env.ZENDESK_APP_ID ?? "") : null,
    logger,
  });
  const settings = async (): Promise<Settings> => (await settingsLoader.get()).settings;

  let helpCenter: ZendeskHelpCenter | undefined;
  const knowledge: Knowledge = {
    search: (query, options) => {
      helpCenter ??= new ZendeskHelpCenter({ api: zendesk().helpCenterApi(), logger });
      return helpCenter.search(query, options);
    },
  };
  const model = anthropicModelFromEnv(env, { settings, logger });
  if (!model) logger.warn("ANTHROPIC_API_KEY not set: every customer message is escalated to a human (model_error).");
  const decide = overrides.decide ?? createEngineDecider({ model, knowledge, logger });

  const pipelineDeps = (accountId: string): PipelineDeps => ({
    helpdesk: lazyHelpdesk(zendesk),
    store: stateFor(accountId),
    settings,
    decide,
    logger,
  });

  const webhookSecrets = () => (env.ZENDESK_WEBHOOK_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);

  const app = createApp({
    logger,
    webhookSecrets,
    stateFor,
    enqueue: async (body, ctx) => {
      if (env.EVENTS_QUEUE) {
        await env.EVENTS_QUEUE.send(body, { contentType: "json" });
        return;
      }
      const work = runWithoutQueue(body, pipelineDeps(body.event.accountId), overrides.sleep ? { sleep: overrides.sleep } : {}).catch(
        (error: unknown) => logger.error("event processing failed", { event_id: body.event.eventId, error }),
      );
      if (ctx) ctx.waitUntil(work);
      else await work;
    },
    health: async () => {
      const store = await kv.ping().then(
        () => "ok",
        () => "unreachable",
      );
      return {
        ok: store === "ok",
        store: { kind: kv.kind, status: store },
        queue: env.EVENTS_QUEUE ? "bound" : "none (processing in waitUntil)",
        webhook_secret: webhookSecrets().length ? "set" : "missing",
        zendesk: describeZendeskConfig(env),
      };
    },
  });

  return {
    app,
    pipelineDeps,
    consumeQueue: async (queueName, messages) => {
      const depsFor = (body: QueueMessageBody) => pipelineDeps(body.event.accountId);
      if (queueName.endsWith("-dlq")) await consumeDeadLetters(messages, depsFor);
      else await consumeEvents(messages, depsFor);
    },
  };
}

function storeFromEnv(env: Env, logger: Logger): KvStore {
  const upstash = upstashKvStoreFromEnv(env);
  if (upstash) return upstash;
  logger.warn(
    "UPSTASH_REDIS_REST_URL/UPSTASH_REDIS_REST_TOKEN not set: using the in-memory store. State is lost when the isolate restarts; set both for production.",
  );
  return new MemoryKvStore();
}

function describeZendeskConfig(env: Env): string {
  try {
    const config = zendeskConfigFromEnv(env);
    return `${config.auth.kind} auth for ${config.baseUrl}`;
  } catch (error) {
    return error instanceof ConfigError ? "not configured (see logs)" : "invalid";
  }
}

/** Defer building the Zendesk client until an event needs it, so a config error becomes a retryable failure. */
function lazyHelpdesk(get: () => Helpdesk): Helpdesk {
  return {
    platform: "zendesk",
    whoAmI: () => withConfig(() => get().whoAmI()),
    ticketUrl: (id) => get().ticketUrl(id),
    renderHandoffNote: (handoff) => get().renderHandoffNote(handoff),
    getTicketContext: (id, hints) => withConfig(() => get().getTicketContext(id, hints)),
    apply: (id, writes) => withConfig(() => get().apply(id, writes)),
  };
}

async function withConfig<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.message, { retryable: true, cause: error });
    throw error;
  }
}
