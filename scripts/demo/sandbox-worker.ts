import { INTERCOM_SANDBOX } from "../../test/support/intercom-sandbox.ts";
import { freePort, type startLocalApis } from "./local-apis.ts";
import { startWorker, waitForHealth } from "./worker-process.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

export interface SandboxWorkerSetup {
  /** The Zendesk webhook secret: the worker serves the sandbox Zendesk account. */
  secret: string;
  /** The Intercom client secret: the worker serves the sandbox Intercom workspace too; absent, Zendesk only. */
  intercomSecret?: string;
  /**
   * The Claude API it calls: the sandbox's replay of the recorded model outputs (default), Claude live
   * with this key, or none (no key: every message escalates with a handoff built from the ticket).
   */
  model?: "recorded" | "none" | { liveKey: string };
  /** The part's own variables (mode, settings, tokens), on top of the sandboxes'. */
  vars?: Record<string, string>;
  /** As startWorker's: run Cron Triggers on request; keep local state in a folder the caller owns. */
  testScheduled?: boolean;
  persistTo?: string;
}

/**
 * The real worker under `wrangler dev` on a free loopback port, connected to the local sandboxes: the
 * Zendesk account, the Intercom workspace when its secret is given, and the model the setup names.
 * `ready()` resolves once it answers `/healthz`; stop it (and close the sandboxes) as with startWorker.
 */
export async function startSandboxWorker(apis: Apis, setup: SandboxWorkerSetup) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const worker = startWorker(
    port,
    { ...sandboxVars(apis, setup), ...setup.vars },
    {
      ...(setup.testScheduled ? { testScheduled: true } : {}),
      ...(setup.persistTo ? { persistTo: setup.persistTo } : {}),
    },
  );
  return { ...worker, port, base, ready: () => waitForHealth(base, worker) };
}

function sandboxVars(apis: Apis, setup: SandboxWorkerSetup): Record<string, string> {
  const model = setup.model ?? "recorded";
  return {
    ...apis.zendeskVars(setup.secret),
    ...(setup.intercomSecret === undefined
      ? {}
      : {
          INTERCOM_ACCESS_TOKEN: INTERCOM_SANDBOX.accessToken,
          INTERCOM_CLIENT_SECRET: setup.intercomSecret,
          INTERCOM_API_URL: apis.intercomUrl,
        }),
    ...(model === "none"
      ? {}
      : model === "recorded"
        ? { ANTHROPIC_API_KEY: "recorded-replay", ANTHROPIC_BASE_URL: apis.url }
        : { ANTHROPIC_API_KEY: model.liveKey }),
  };
}
