import type { Hono } from "hono";
import { anthropicModelFromEnv } from "./agent/anthropic-model.ts";
import { d1Ledger } from "./ledger/d1-ledger.ts";
import { createApp } from "./http/app.ts";
import type { Env } from "./env.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import { consumeDeadLetters, consumeEvents, type QueueMessageLike } from "./pipeline/consume-queue.ts";
import { loadCatalog, logCatalogProblems } from "./actions/load-catalog.ts";
import { readFromEnv } from "./actions/run-action.ts";
import type { ActionCatalog } from "./actions/catalog.ts";
import { createGuardrailPolicyResolver } from "./guardrails/guardrail-policy-resolver.ts";
import { agreementJudgeFromEnv } from "./agent/anthropic-agreement-judge.ts";
import { createEngineDecider } from "./pipeline/decide-message.ts";
import { knowledgePrefetcher } from "./pipeline/prefetch-knowledge.ts";
import type { Settings } from "./config/settings-schema.ts";
import type { SupportActionsDeps } from "./pipeline/support-actions.ts";
import type { Decider } from "./pipeline/decider.ts";
import type { PipelineDeps } from "./pipeline/pipeline-deps.ts";
import type { QueueMessageBody } from "./domain/queue-message.ts";
import { runWithoutQueue } from "./pipeline/run-without-queue.ts";
import type { Platform } from "./domain/support-event.ts";
import type { KvStore } from "./ports/kv-store.ts";
import { MemoryKvStore } from "./state/memory-kv-store.ts";
import { StateStore } from "./state/state-store.ts";
import { upstashKvStoreFromEnv } from "./state/upstash-kv-store.ts";
import { platformWirings } from "./platforms/platform-wirings.ts";
import { d1DriftLedger } from "./ledger/d1-drift-ledger.ts";
import { accountKnowledge } from "./pipeline/account-knowledge.ts";
import { runScheduledJob, type ScheduledSummary } from "./nightly/scheduled-jobs.ts";

export interface RuntimeOverrides {
  kv?: KvStore;
  logger?: Logger;
  decide?: Decider;
  sleep?: (ms: number) => Promise<void>;
}

export interface Runtime {
  app: Hono;
  consumeQueue(queueName: string, messages: readonly QueueMessageLike[]): Promise<void>;
  pipelineDeps(platform: Platform, accountId: string): PipelineDeps;
  /**
   * A Cron Trigger: the job of `cron` (SCHEDULED_JOBS in nightly/scheduled-jobs.ts, one per `[triggers] crons` entry)
   * run for `scheduledTime`; null when the cron has no job or no ledger is bound (both logged).
   */
  runScheduled(cron: string, scheduledTime: number): Promise<ScheduledSummary | null>;
}

const NO_QUEUE_WARNING =
  "EVENTS_QUEUE not bound: events are processed in waitUntil after the webhook is acknowledged, so an event is lost " +
  "if the worker stops mid-event (the helpdesk does not retry " +
  "an acknowledged delivery). Bind the queue in production " +
  "([[queues.producers]] and [[queues.consumers]] in wrangler.toml).";

/**
 * Composition root: builds clients from the bindings once per isolate and wires routes and the queue
 * consumer for every helpdesk platform. Configuration problems do not stop the webhook routes from
 * failing closed; they surface as retryable errors on the queue side (events wait in the queue until
 * the admin fixes the settings).
 */
export function createRuntime(env: Env, overrides: RuntimeOverrides = {}): Runtime {
  const logger = overrides.logger ?? createLogger({ service: "deskmate" });
  const kv = overrides.kv ?? storeFromEnv(env, logger);
  const wirings = platformWirings(env, { logger, kv, ...(overrides.sleep ? { sleep: overrides.sleep } : {}) });
  if (!env.ANTHROPIC_API_KEY?.trim())
    logger.warn("ANTHROPIC_API_KEY not set: every customer " + "message is escalated to a human (model_error).");
  if (!env.EVENTS_QUEUE) logger.warn(NO_QUEUE_WARNING);

  const stores = new Map<string, StateStore>();
  const stateFor = (platform: Platform, account: string): StateStore => {
    const key = `${platform}:${account}`;
    let store = stores.get(key);
    if (!store) {
      store = new StateStore(kv, { platform, account });
      stores.set(key, store);
    }
    return store;
  };

  const actions = actionsFromEnv(env, logger);
  const catalogs = overrideResolver((key, override: unknown, lastGood: ActionCatalog | undefined) => {
    const loaded = loadCatalog({ override, ...(lastGood ? { lastGood } : {}) });
    logCatalogProblems(logger.child({ account: key }), loaded);
    return loaded.catalog;
  });
  const policyResolver = createGuardrailPolicyResolver(logger);
  const policies = overrideResolver((key, override: unknown) => policyResolver(key, override));

  const ledger = env.LEDGER ? d1Ledger(env.LEDGER) : null;
  if (!ledger) logger.warn("LEDGER (D1) not bound: decisions and ticket events are not recorded; metrics stay empty.");
  const deps = new Map<string, PipelineDeps>();
  const pipelineDeps = (platform: Platform, accountId: string): PipelineDeps => {
    const key = `${platform}:${accountId}`;
    const cached = deps.get(key);
    if (cached) return cached;
    const wiring = wirings[platform];
    const store = stateFor(platform, accountId);
    const settings = wiring.settingsFor(accountId, store);
    const model = anthropicModelFromEnv(env, { settings, logger });
    const judge = agreementJudgeFromEnv(env, logger);
    const knowledge = accountKnowledge(wiring, store, settings, logger);
    const guardrails = (s: Settings) => policies(key, s.guardrailPolicyOverride);
    const built: PipelineDeps = {
      helpdesk: wiring.helpdesk,
      budget: wiring.budget,
      store,
      settings,
      decide:
        overrides.decide ??
        createEngineDecider({
          model,
          knowledge,
          logger,
          store,
          actions: actions ? (s) => ({ ...actions, catalog: catalogs(key, s.actionsCatalogOverride) }) : null,
          guardrails,
        }),
      // Only the engine reads a prefetched search: a replaced decider gets none.
      ...(overrides.decide ? {} : { prefetchKnowledge: knowledgePrefetcher({ knowledge, model, guardrails }) }),
      logger,
      ledger,
      judge,
      onCall: { secret: env.ON_CALL_WEBHOOK_SECRET ?? null, localUrl: env.ON_CALL_WEBHOOK_LOCAL_URL ?? null },
      // One Zendesk account per deployment: its rows are filed under the subdomain the admin API is asked for.
    };
    deps.set(key, built);
    return built;
  };
  const depsFor = (body: QueueMessageBody) => pipelineDeps(body.event.platform, body.event.accountId);

  const app = createApp({
    env,
    logger,
    ledger: () => ledger,
    driftLedger: () => (env.LEDGER ? d1DriftLedger(env.LEDGER) : null),
    resolutionWaitHours: async (platform, accountId) =>
      (await wirings[platform].settingsFor(accountId, stateFor(platform, accountId))()).resolutionWaitHours,
    settingsLoad: (platform, accountId) =>
      wirings[platform].settingsLoadFor(accountId, stateFor(platform, accountId))(),
    stateFor,
    enqueue: async (body, ctx) => {
      if (env.EVENTS_QUEUE) {
        await env.EVENTS_QUEUE.send(body, { contentType: "json" });
        return;
      }
      const work = runWithoutQueue(body, depsFor(body), overrides.sleep ? { sleep: overrides.sleep } : {}).catch(
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
        queue: env.EVENTS_QUEUE
          ? "bound"
          : "none: events run in waitUntil after the 202 " + "and are lost if the worker stops mid-event",
        model: env.ANTHROPIC_API_KEY?.trim() ? "configured" : "missing (every message escalates)",
        webhook_secrets: {
          zendesk: env.ZENDESK_WEBHOOK_SECRET?.trim() ? "set" : "missing",
          intercom: env.INTERCOM_CLIENT_SECRET?.trim() ? "set" : "missing",
        },
        ...Object.fromEntries(Object.values(wirings).map((w) => [w.platform, w.describe()])),
      };
    },
  });

  const runScheduled = (cron: string, scheduledTime: number): Promise<ScheduledSummary | null> =>
    runScheduledJob(
      {
        env,
        ledger,
        logger,
        forAccount: (a) => pipelineDeps(a.platform, a.account),
        knowledgeFor: (a) =>
          accountKnowledge(
            wirings[a.platform],
            stateFor(a.platform, a.account),
            pipelineDeps(a.platform, a.account).settings,
            logger,
          ),
        guardrailsFor: (a) => (s) => policies(`${a.platform}:${a.account}`, s.guardrailPolicyOverride),
      },
      cron,
      scheduledTime,
    );

  return {
    app,
    pipelineDeps,
    runScheduled,
    consumeQueue: async (queueName, messages) => {
      if (queueName.endsWith("-dlq")) await consumeDeadLetters(messages, depsFor);
      else
        await consumeEvents(messages, depsFor, {
          // A job over the helpdesk budget goes back on the queue with a delay, without spending a retry.
          ...(env.EVENTS_QUEUE
            ? {
                requeue: async (body: QueueMessageBody, delaySeconds: number) => {
                  await env.EVENTS_QUEUE?.send(body, { contentType: "json", delaySeconds });
                },
              }
            : {}),
        });
    },
  };
}

/**
 * Per-account overrides (catalog, guardrail policy) arrive with the settings on every message: resolve
 * each distinct override once, and keep the last good result per account for invalid ones.
 */
function overrideResolver<T>(resolve: (key: string, override: unknown, lastGood: T | undefined) => T) {
  const cache = new Map<string, { text: string; value: T }>();
  return (key: string, override: unknown): T => {
    const text = JSON.stringify(override ?? null);
    const cached = cache.get(key);
    if (cached?.text === text) return cached.value;
    const value = resolve(key, override ?? undefined, cached?.value);
    cache.set(key, { text, value });
    return value;
  };
}

/** Support actions are offered only when the company's backend is configured (DESKMATE_ACTIONS_BASE_URL). */
function actionsFromEnv(env: Env, logger: Logger): SupportActionsDeps | null {
  if (!env.DESKMATE_ACTIONS_BASE_URL?.trim()) return null;
  const loaded = loadCatalog();
  logCatalogProblems(logger, loaded);
  return {
    catalog: loaded.catalog,
    run: { fetch: (input, init) => fetch(input, init), readEnv: readFromEnv(env), logger },
  };
}

function storeFromEnv(env: Env, logger: Logger): KvStore {
  const upstash = upstashKvStoreFromEnv(env);
  if (upstash) return upstash;
  logger.warn(
    "UPSTASH_REDIS_REST_URL/UPSTASH_REDIS_REST_TOKEN not set: using the in-memory store. State is lost when the " +
      "isolate restarts; set both for production.",
  );
  return new MemoryKvStore();
}
