import type { Env } from "./env.ts";
import type { QueueMessageBody } from "./domain/queue-message.ts";
import { createRuntime, type Runtime } from "./runtime.ts";

/**
 * One runtime per isolate (clients, token and settings caches), rebuilt only if the bindings change.
 */
let cached: { env: Env; fingerprint: string; runtime: Runtime } | undefined;

function runtimeFor(env: Env): Runtime {
  // The isolate hands every request the same env object: skip the fingerprint (it serialises every
  // binding) on the acknowledgement's path unless a different object comes in.
  if (cached?.env === env) return cached.runtime;
  // String values plus which other bindings exist (a queue bound or not changes the wiring).
  const fingerprint = JSON.stringify(
    Object.entries(env)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? v : typeof v]),
  );
  if (cached?.fingerprint !== fingerprint) cached = { env, fingerprint, runtime: createRuntime(env) };
  else cached.env = env;
  return cached.runtime;
}

export default {
  fetch: (request, env, ctx) => runtimeFor(env).app.fetch(request, env, ctx),
  queue: (batch, env) => runtimeFor(env).consumeQueue(batch.queue, batch.messages),
  // The Cron Triggers (wrangler.toml [triggers]); the runtime picks the job of the cron that fired.
  scheduled: async (controller, env) => {
    await runtimeFor(env).runScheduled(controller.cron, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env, QueueMessageBody>;
