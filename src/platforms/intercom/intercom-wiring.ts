import { SettingsLoader } from "../../config/load-settings.ts";
import { readWorkspaceSettings } from "../../config/workspace-settings.ts";
import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";
import { intercomConfigFromEnv } from "./intercom-config.ts";
import { IntercomHelpdesk } from "./intercom-helpdesk.ts";
import { IntercomArticles } from "./intercom-articles.ts";
import type { Logger } from "../../lib/logger.ts";
import { lazyHelpdesk } from "../lazy-helpdesk.ts";
import type { PlatformWiring } from "../platform-wiring.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { KvStore } from "../../ports/kv-store.ts";

/** Whole article bodies: PassageKnowledge splits them into passages (src/knowledge/split-article.ts). */
const WHOLE_ARTICLE_CHARS = 20_000;

/**
 * Intercom: intercom-client adapter, Help Center articles, settings stored per workspace (edited with
 * PUT /admin/settings/intercom), then DESKMATE_* variables, then defaults.
 */
export function intercomWiring(
  env: Env,
  options: { logger: Logger; sleep?: (ms: number) => Promise<void>; kv?: KvStore },
): PlatformWiring {
  const { logger } = options;
  let client: IntercomHelpdesk | undefined;
  const intercom = (): IntercomHelpdesk =>
    (client ??= new IntercomHelpdesk({
      config: intercomConfigFromEnv(env),
      logger,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      // Tag ids looked up once serve every isolate (kv-tag-id-store.ts).
      ...(options.kv ? { kv: options.kv } : {}),
    }));
  let articles: IntercomArticles | undefined;
  const loaders = new Map<string, SettingsLoader>();
  /** One loader per workspace and isolate, reading the workspace's stored settings. */
  const loaderFor = (workspaceId: string, store: StateStore): SettingsLoader => {
    let loader = loaders.get(workspaceId);
    if (!loader) {
      loader = new SettingsLoader({
        env: env as Record<string, unknown>,
        fetchInstallationSettings: () => readWorkspaceSettings(store),
        logger,
      });
      loaders.set(workspaceId, loader);
    }
    return loader;
  };
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
      const loader = loaderFor(workspaceId, store);
      return async () => (await loader.get()).settings;
    },
    settingsLoadFor: (workspaceId, store) => {
      const loader = loaderFor(workspaceId, store);
      return () => loader.get();
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
