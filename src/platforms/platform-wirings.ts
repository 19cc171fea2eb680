import type { Env } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { Platform } from "../domain/support-event.ts";
import type { PlatformWiring } from "./platform-wiring.ts";
import type { KvStore } from "../ports/kv-store.ts";
import { intercomWiring } from "./intercom/intercom-wiring.ts";
import { zendeskWiring } from "./zendesk/zendesk-wiring.ts";

export function platformWirings(
  env: Env,
  /**
   * `kv`: the state store the request governors share across isolates (none: requests are not governed),
   * and Intercom's looked-up tag ids.
   */
  options: { logger: Logger; sleep?: (ms: number) => Promise<void>; kv?: KvStore },
): Record<Platform, PlatformWiring> {
  return { zendesk: zendeskWiring(env, options), intercom: intercomWiring(env, options) };
}
