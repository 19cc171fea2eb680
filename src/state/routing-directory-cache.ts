import type { AgentProfile } from "../domain/routing.ts";
import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "./state-store.ts";

/**
 * Group names change rarely: ten minutes spare a read on most escalations. An agent's groups and away
 * status can change within the hour, so they are kept two minutes only (enough for a burst of
 * escalations from one incident).
 */
export const GROUP_NAME_TTL_SECONDS = 10 * 60;
export const AGENT_PROFILE_TTL_SECONDS = 2 * 60;

/**
 * Routing's small cache in the state store, per account. A store that fails reads through to the
 * helpdesk (and logs): the cache only saves requests, it never decides.
 */
export function routingDirectoryCache(store: StateStore, log: Logger) {
  return {
    /** The group's name, or null when the helpdesk does not know it (not cached: an admin may add it). */
    groupName: (groupId: string, read: () => Promise<string | null>) =>
      cached(store, log, store.key("routing", "group", groupId), GROUP_NAME_TTL_SECONDS, read, asName),
    agentProfile: (agentId: string, read: () => Promise<AgentProfile>) =>
      cached(store, log, store.key("routing", "agent", agentId), AGENT_PROFILE_TTL_SECONDS, read, asProfile),
  };
}

async function cached<T>(
  store: StateStore,
  log: Logger,
  key: string,
  ttlSeconds: number,
  read: () => Promise<T>,
  parse: (value: unknown) => T | undefined,
): Promise<T> {
  const hit = await store.kv.get(key).catch((error: unknown) => {
    log.warn("routing cache unreadable; reading the helpdesk", { error });
    return null;
  });
  const known = hit === null ? undefined : parse(safeJson(hit));
  if (known !== undefined) return known;
  const value = await read();
  if (value !== null)
    await store.kv.set(key, JSON.stringify(value), ttlSeconds).catch((error: unknown) => {
      log.warn("routing cache not written", { error });
    });
  return value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asName(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function asProfile(value: unknown): AgentProfile | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { id, name, groupIds, away } = value as Record<string, unknown>;
  if (typeof id !== "string" || typeof name !== "string" || typeof away !== "boolean") return undefined;
  if (!Array.isArray(groupIds) || !groupIds.every((g) => typeof g === "string")) return undefined;
  return { id, name, groupIds, away };
}
