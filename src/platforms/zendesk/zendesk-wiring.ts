import { SettingsLoader } from "../../config/load-settings.ts";
import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";
import { zendeskConfigFromEnv } from "./zendesk-config.ts";
import { ZendeskHelpdesk } from "./zendesk-helpdesk.ts";
import { ZendeskHelpCenter } from "./zendesk-help-center.ts";
import type { Logger } from "../../lib/logger.ts";
import { lazyHelpdesk } from "../lazy-helpdesk.ts";
import type { PlatformWiring } from "../platform-wiring.ts";

/** Whole article bodies: PassageKnowledge splits them into passages (src/knowledge/split-article.ts). */
const WHOLE_ARTICLE_CHARS = 20_000;

/** Zendesk: the fetch-based API client (zendesk-client.ts), Help Center search, settings from the app installation (ZENDESK_APP_ID). */
export function zendeskWiring(
  env: Env,
  options: { logger: Logger; sleep?: (ms: number) => Promise<void> },
): PlatformWiring {
  const { logger } = options;
  let client: ZendeskHelpdesk | undefined;
  const zendesk = (): ZendeskHelpdesk =>
    (client ??= new ZendeskHelpdesk({
      config: zendeskConfigFromEnv(env),
      logger,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    }));
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
