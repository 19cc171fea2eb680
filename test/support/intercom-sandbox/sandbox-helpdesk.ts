import { IntercomHelpdesk, type IntercomHelpdeskOptions } from "../../../src/platforms/intercom/intercom-helpdesk.ts";
import { createMemoryLogger } from "../../../src/lib/logger.ts";
import { INTERCOM_SANDBOX } from "./seed.ts";

/**
 * An IntercomHelpdesk pointed at a sandbox, with instant, recorded sleeps and fixed jitter (0.5),
 * so retry tests run at once and can assert the waits.
 */
export function sandboxIntercomHelpdesk(
  baseUrl: string,
  overrides: Partial<Omit<IntercomHelpdeskOptions, "logger">> = {},
) {
  const sleeps: number[] = [];
  const { logger, lines } = createMemoryLogger();
  const helpdesk = new IntercomHelpdesk({
    config: { accessToken: INTERCOM_SANDBOX.accessToken, baseUrl, version: INTERCOM_SANDBOX.version },
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { helpdesk, sleeps, logLines: lines };
}
