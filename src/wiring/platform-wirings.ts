import type { Env } from "../env.ts";
import type { Logger } from "../observability/logger.ts";
import type { Platform } from "../pipeline/support-event.ts";
import type { PlatformWiring } from "./platform-wiring.ts";
import { zendeskWiring } from "./zendesk-wiring.ts";

export function platformWirings(env: Env, options: { logger: Logger; sleep?: (ms: number) => Promise<void> }): Record<Platform, PlatformWiring> {
  const zendesk = zendeskWiring(env, options);
  // Until the Intercom adapter is wired, Intercom events are handled by nothing: keep the type honest.
  return { zendesk, intercom: zendesk };
}
