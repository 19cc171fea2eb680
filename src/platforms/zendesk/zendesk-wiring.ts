import { SettingsLoader } from "../../config/load-settings.ts";
import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";
import { zendeskConfigFromEnv, type ZendeskConfig } from "./zendesk-config.ts";
import { ZendeskHelpdesk } from "./zendesk-helpdesk.ts";
import { ZendeskHelpCenter } from "./zendesk-help-center.ts";
import type { Logger } from "../../lib/logger.ts";
import { lazyHelpdesk } from "../lazy-helpdesk.ts";
import type { PlatformWiring } from "../platform-wiring.ts";
import type { KvStore } from "../../ports/kv-store.ts";
import { RequestGovernor } from "../../state/request-governor.ts";
import { ZENDESK_WINDOW } from "../../state/governor-budget.ts";
import { governedFetch } from "../governed-fetch.ts";
import { wiringRequestBudget } from "../wiring-request-budget.ts";
import { zendeskRateLimit } from "./zendesk-rate-limit.ts";

/** Whole article bodies: PassageKnowledge splits them into passages (src/knowledge/split-article.ts). */
const WHOLE_ARTICLE_CHARS = 20_000;

/**
 * Zendesk: the fetch-based API client (zendesk-client.ts), Help Center search, settings from the app
 * installation (ZENDESK_APP_ID).
 */
export function zendeskWiring(
  env: Env,
  options: { logger: Logger; sleep?: (ms: number) => Promise<void>; kv?: KvStore },
): PlatformWiring {
  const { logger } = options;
  // One account per deployment: one governor over the shared store, in front of the client's fetch.
  let governor: RequestGovernor | null | undefined;
  const governorOf = (config: ZendeskConfig) =>
    (governor ??= options.kv
      ? new RequestGovernor({
          kv: options.kv,
          platform: "zendesk",
          account: config.subdomain,
          window: ZENDESK_WINDOW,
          logger,
        })
      : null);
  let client: ZendeskHelpdesk | undefined;
  const zendesk = (): ZendeskHelpdesk => {
    if (client) return client;
    const config = zendeskConfigFromEnv(env);
    const governed = governorOf(config);
    client = new ZendeskHelpdesk({
      config,
      logger,
      ...(governed
        ? {
            fetch: governedFetch((input, init) => fetch(input, init), {
              governor: governed,
              origin: config.baseUrl,
              readRateLimit: zendeskRateLimit,
              // Zendesk counts Help Center requests apart from the Support API's.
              outside: (path) => path.startsWith("/api/v2/help_center/"),
              logger,
            }),
          }
        : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    return client;
  };
  let helpCenter: ZendeskHelpCenter | undefined;
  // One Zendesk account per deployment: one settings loader (cached about a minute).
  const loader = new SettingsLoader({
    env: env as Record<string, unknown>,
    fetchInstallationSettings: env.ZENDESK_APP_ID
      ? () => zendesk().getAppInstallationSettings(env.ZENDESK_APP_ID ?? "")
      : null,
    logger,
  });
  const load = () => loader.get();
  const settings = async () => (await load()).settings;
  return {
    platform: "zendesk",
    helpdesk: lazyHelpdesk("zendesk", zendesk),
    budget: wiringRequestBudget(() => governor ?? governorOf(zendeskConfigFromEnv(env))),
    knowledge: {
      search: (query, searchOptions) => {
        helpCenter ??= new ZendeskHelpCenter({
          api: zendesk().helpCenterApi(),
          logger,
          maxPassageChars: WHOLE_ARTICLE_CHARS,
        });
        return helpCenter.search(query, searchOptions);
      },
    },
    settingsFor: () => settings,
    settingsLoadFor: () => load,
    describe: () => {
      try {
        const config = zendeskConfigFromEnv(env);
        return `${config.auth.kind} auth for ${config.baseUrl}`;
      } catch (error) {
        return error instanceof ConfigError ? "not configured (see logs)" : "invalid";
      }
    },
  };
}
