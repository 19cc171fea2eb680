import type { Env } from "../env.ts";
import type { Logger } from "../observability/logger.ts";
import type { Platform } from "../pipeline/support-event.ts";
import type { PlatformWiring } from "./platform-wiring.ts";
import { intercomWiring } from "./intercom-wiring.ts";
import { zendeskWiring } from "./zendesk-wiring.ts";

export function platformWirings(env: Env, options: { logger: Logger; sleep?: (ms: number) => Promise<void> }): Record<Platform, PlatformWiring> {
  return { zendesk: zendeskWiring(env, options), intercom: intercomWiring(env, options) };
}
