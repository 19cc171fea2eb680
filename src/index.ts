import type { Env } from "./env.ts";
import type { QueueMessageBody } from "./pipeline/queue-message.ts";
import { createRuntime, type Runtime } from "./runtime.ts";

/**
 * One runtime per isolate (clients, token and settings caches), rebuilt only if the bindings change.
 */
let cached: { fingerprint: string; runtime: Runtime } | undefined;

function runtimeFor(env: Env): Runtime {
  const fingerprint = JSON.stringify(Object.entries(env).filter(([, v]) => typeof v === "string"));
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, runtime: createRuntime(env) };
  return cached.runtime;
}

export default {
  fetch: (request, env, ctx) => runtimeFor(env).app.fetch(request, env, ctx),
  queue: (batch, env) => runtimeFor(env).consumeQueue(batch.queue, batch.messages),
} satisfies ExportedHandler<Env, QueueMessageBody>;
