import { SettingsLoader } from "../../config/load-settings.ts";
import { readWorkspaceSettings } from "../../config/workspace-settings.ts";
import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";
import { intercomConfigFromEnv, type IntercomConfig } from "./intercom-config.ts";
import { IntercomHelpdesk } from "./intercom-helpdesk.ts";
import { IntercomArticles } from "./intercom-articles.ts";
import type { Logger } from "../../lib/logger.ts";
import { lazyHelpdesk } from "../lazy-helpdesk.ts";
import type { PlatformWiring } from "../platform-wiring.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { KvStore } from "../../ports/kv-store.ts";
import { RequestGovernor } from "../../state/request-governor.ts";
import { INTERCOM_WINDOW } from "../../state/governor-budget.ts";
import { governedFetch } from "../governed-fetch.ts";
import { wiringRequestBudget } from "../wiring-request-budget.ts";
import { intercomRateLimit } from "./intercom-rate-limit.ts";

/** Whole article bodies: PassageKnowledge splits them into passages (src/knowledge/split-article.ts). */
const WHOLE_ARTICLE_CHARS = 20_000;

/**
 * Intercom: the fetch-based API client (intercom-client.ts), Help Center articles, settings stored per
 * workspace (edited with PUT /admin/settings/intercom), then DESKMATE_* variables, then defaults.
 */
export function intercomWiring(
  env: Env,
  options: { logger: Logger; sleep?: (ms: number) => Promise<void>; kv?: KvStore },
): PlatformWiring {
  const { logger } = options;
  // One access token (one app in one workspace) per deployment: one governor, keyed by the API host.
  let governor: RequestGovernor | null | undefined;
  const governorOf = (config: IntercomConfig) =>
    (governor ??= options.kv
      ? new RequestGovernor({
          kv: options.kv,
          platform: "intercom",
          account: new URL(config.baseUrl).host,
          window: INTERCOM_WINDOW,
          logger,
        })
      : null);
  let client: IntercomHelpdesk | undefined;
  const intercom = (): IntercomHelpdesk => {
    if (client) return client;
    const config = intercomConfigFromEnv(env);
    const governed = governorOf(config);
    client = new IntercomHelpdesk({
      config,
      logger,
      ...(governed
        ? {
            fetch: governedFetch((input, init) => fetch(input, init), {
              governor: governed,
              origin: config.baseUrl,
              readRateLimit: (headers) => intercomRateLimit(headers),
              logger,
            }),
          }
        : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      // Tag ids looked up once serve every isolate (kv-tag-id-store.ts).
      ...(options.kv ? { kv: options.kv } : {}),
    });
    return client;
  };
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
    budget: wiringRequestBudget(() => governor ?? governorOf(intercomConfigFromEnv(env))),
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
