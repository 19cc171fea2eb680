import { ZendeskHelpdesk, type ZendeskHelpdeskOptions } from "../../../src/platforms/zendesk/zendesk-helpdesk.ts";
import type { ZendeskConfig } from "../../../src/platforms/zendesk/zendesk-config.ts";
import { createMemoryLogger } from "../../../src/lib/logger.ts";

export const SANDBOX_OAUTH = { clientId: "deskmate-test", clientSecret: "test-client-secret" } as const;

/**
 * A ZendeskHelpdesk pointed at a sandbox, with instant, recorded sleeps and fixed jitter (0.5), so
 * retry tests run at once and can assert the waits.
 */
export function sandboxHelpdesk(
  baseUrl: string,
  overrides: Partial<Omit<ZendeskHelpdeskOptions, "config" | "logger">> & { auth?: ZendeskConfig["auth"] } = {},
) {
  const sleeps: number[] = [];
  const { logger, lines } = createMemoryLogger();
  const { auth, ...options } = overrides;
  const config: ZendeskConfig = {
    subdomain: "acme",
    baseUrl,
    auth: auth ?? { kind: "oauth", ...SANDBOX_OAUTH },
    appId: null,
    webhookSecrets: ["test-secret"],
  };
  const helpdesk = new ZendeskHelpdesk({
    config,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { helpdesk, sleeps, logLines: lines };
}
