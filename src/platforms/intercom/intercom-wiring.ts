import { SettingsLoader } from "../../config/load-settings.ts";
import type { Settings } from "../../config/settings-schema.ts";
import { readWorkspaceSettings } from "../../config/workspace-settings.ts";
import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";
import { intercomConfigFromEnv } from "./intercom-config.ts";
import { IntercomHelpdesk } from "./intercom-helpdesk.ts";
import { IntercomArticles } from "./intercom-articles.ts";
import type { Logger } from "../../lib/logger.ts";
import { lazyHelpdesk } from "../lazy-helpdesk.ts";
import type { PlatformWiring } from "../platform-wiring.ts";

/** Whole article bodies: PassageKnowledge splits them into passages (src/knowledge/split-article.ts). */
const WHOLE_ARTICLE_CHARS = 20_000;

/**
 * Intercom: intercom-client adapter, Help Center articles, settings stored per workspace (edited with
 * PUT /admin/settings/intercom), then DESKMATE_* variables, then defaults.
 */
export function intercomWiring(
  env: Env,
  options: { logger: Logger; sleep?: (ms: number) => Promise<void> },
): PlatformWiring {
  const { logger } = options;
  let client: IntercomHelpdesk | undefined;
  const intercom = (): IntercomHelpdesk =>
    (client ??= new IntercomHelpdesk({
      config: intercomConfigFromEnv(env),
      logger,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    }));
  let articles: IntercomArticles | undefined;
  const loaders = new Map<string, () => Promise<Settings>>();
  return {
    platform: "intercom",
    helpdesk: lazyHelpdesk("intercom", intercom),
    knowledge: {
      search: (query, searchOptions) => {
        articles ??= new IntercomArticles({
          api: intercom().articlesApi(),
          logger,
          maxPassageChars: WHOLE_ARTICLE_CHARS,
        });
        return articles.search(query, searchOptions);
      },
    },
    settingsFor: (workspaceId, store) => {
      let settings = loaders.get(workspaceId);
      if (!settings) {
        const loader = new SettingsLoader({
          env: env as Record<string, unknown>,
          fetchInstallationSettings: () => readWorkspaceSettings(store),
          logger,
        });
        settings = async () => (await loader.get()).settings;
        loaders.set(workspaceId, settings);
      }
      return settings;
    },
    describe: () => {
      try {
        const config = intercomConfigFromEnv(env);
        return `token auth for ${config.baseUrl}, API ${config.version}`;
      } catch (error) {
        return error instanceof ConfigError ? "not configured (see logs)" : "invalid";
      }
    },
  };
}
