import {
  mergeWorkspaceSettings,
  readWorkspaceSettings,
  writeWorkspaceSettings,
} from "../../config/workspace-settings.ts";
import { ConfigError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";

export type AuditResult = { recorded: number } | { recorded: 0; error: string };

export interface SaveWorkspaceSettingsInput {
  workspaceId: string;
  store: StateStore;
  /** snake_case name -> raw value, already checked by validateSettingValues; unset removes the stored value. */
  patch: Record<string, unknown>;
  ledger: Ledger | null;
  /** Who made the change, for the audit trail ("admin" for the admin token). */
  changedBy: string;
  now: Date;
  logger: Logger;
}

/**
 * The one write path for an Intercom workspace's settings (JSON API and console form): read the stored
 * settings, merge the patch, write, then one audit line per changed setting. Store failures throw.
 */
export async function saveWorkspaceSettings(
  input: SaveWorkspaceSettingsInput,
): Promise<{ merged: Record<string, unknown>; audit: AuditResult }> {
  const { workspaceId, store, patch, logger } = input;
  const previous = await readPrevious(store, workspaceId, logger);
  const merged = mergeWorkspaceSettings(previous, patch);
  await writeWorkspaceSettings(store, merged);
  const names = Object.keys(patch);
  logger.info("admin settings updated", {
    workspace_id: workspaceId,
    set: names.filter((name) => Object.hasOwn(merged, name)),
    removed: names.filter((name) => !Object.hasOwn(merged, name)),
  });
  const audit = await auditChanges(input, previous, merged, names);
  return { merged, audit };
}

/**
 * One audit line per setting whose stored value changed (who, when, old -> new; the ledger masks and
 * truncates values). After the write: the settings are the source of truth, so a ledger that cannot
 * be reached leaves the change stored and says so in the answer and the logs rather than undoing it.
 */
async function auditChanges(
  input: SaveWorkspaceSettingsInput,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  names: string[],
): Promise<AuditResult> {
  const { ledger, workspaceId, logger } = input;
  const json = (from: Record<string, unknown> | null, name: string) =>
    from && Object.hasOwn(from, name) ? JSON.stringify(from[name]) : null;
  const changedAt = input.now.toISOString();
  const changes = names
    .map((setting) => ({ setting, oldValue: json(before, setting), newValue: json(after, setting) }))
    .filter((change) => change.oldValue !== change.newValue);
  if (!ledger)
    return changes.length ? { recorded: 0, error: "no ledger bound: changes are not audited" } : { recorded: 0 };
  try {
    for (const change of changes) {
      await ledger.recordSettingChange({
        platform: "intercom",
        account: workspaceId,
        changedBy: input.changedBy,
        changedAt,
        ...change,
      });
    }
    return { recorded: changes.length };
  } catch (error) {
    logger.error("settings audit not recorded", {
      workspace_id: workspaceId,
      settings: changes.map((c) => c.setting),
      error,
    });
    return { recorded: 0, error: "the ledger could not be written: the change is stored but not audited" };
  }
}

/** A corrupt stored value must not block the write that repairs it: it is replaced, loudly. */
async function readPrevious(
  store: StateStore,
  workspaceId: string,
  logger: Logger,
): Promise<Record<string, unknown> | null> {
  try {
    return await readWorkspaceSettings(store);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.warn("stored workspace settings were corrupt and are replaced", { workspace_id: workspaceId, error });
    return null;
  }
}
