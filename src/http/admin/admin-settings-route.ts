import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";
import { ConfigError, toDeskmateError } from "../../lib/errors.ts";
import { readWorkspaceSettings } from "../../config/workspace-settings.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";
import { saveWorkspaceSettings } from "./save-workspace-settings.ts";
import { effectiveSettingsView } from "./effective-settings-view.ts";
import { validateSettingValues } from "./validate-setting-values.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";

export interface AdminSettingsDeps {
  /** DESKMATE_ADMIN_TOKEN; unset or blank refuses every request (503). */
  adminToken: () => string | undefined;
  /** The state store of one Intercom workspace (account = the workspace's app id). */
  storeFor: (workspaceId: string) => StateStore;
  /** Worker bindings: the `DESKMATE_*` fallbacks shown in the effective view. */
  env: Record<string, unknown>;
  logger: Logger;
  /** The outcome ledger, which keeps an audit line per changed setting; null/absent: no audit trail. */
  ledger?: () => Ledger | null;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;

export const ADMIN_SETTINGS_PATH = "/admin/settings/intercom";

/** Intercom workspace (app) ids are short lowercase alphanumerics; they become part of store keys. */
const WORKSPACE_ID = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "use the Intercom workspace id (letters, digits, _ or -)");
const putBody = z.strictObject({
  workspace_id: WORKSPACE_ID,
  settings: z.record(z.string(), z.unknown()),
});

/**
 * `GET` and `PUT /admin/settings/intercom`: per-workspace behaviour settings for Intercom, which has
 * no app-installation settings of its own. Gates: token configured (503) -> bearer token (401) ->
 * input (400, every bad field named at once) -> store (503). Both answer the effective settings with
 * each field's source. Logs name the workspace and the settings changed, never their values.
 */
export function adminSettingsHandlers(deps: AdminSettingsDeps): { get: Handler; put: Handler } {
  const log = deps.logger.child({ route: ADMIN_SETTINGS_PATH });

  const refuse = (c: Context): Promise<Response | null> => refuseAdminRequest(c, deps.adminToken(), log);

  const storeFailure = (c: Context, error: unknown, workspaceId: string): Response => {
    const failure = toDeskmateError(error);
    log.error("admin settings store failure", { workspace_id: workspaceId, error_code: failure.code, error: failure });
    const status = (failure.status >= 500 && failure.status < 600 ? failure.status : 503) as ContentfulStatusCode;
    const message = failure instanceof ConfigError ? failure.message : "the settings store is unavailable; retry later";
    return c.json({ error: failure.code, message }, status);
  };

  const get: Handler = async (c) => {
    const refused = await refuse(c);
    if (refused) return refused;
    const workspaceId = WORKSPACE_ID.safeParse(c.req.query("workspace_id") ?? "");
    if (!workspaceId.success) {
      return invalidRequest(c, [
        { name: "workspace_id", message: "required query parameter; use the Intercom workspace id" },
      ]);
    }
    try {
      const stored = await readWorkspaceSettings(deps.storeFor(workspaceId.data));
      return c.json(effectiveSettingsView(workspaceId.data, stored, deps.env, log), 200);
    } catch (error) {
      return storeFailure(c, error, workspaceId.data);
    }
  };

  const put: Handler = async (c) => {
    const refused = await refuse(c);
    if (refused) return refused;
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      return invalidRequest(c, [{ name: "(body)", message: "the body is not valid JSON" }]);
    }
    const body = putBody.safeParse(json);
    if (!body.success) {
      return invalidRequest(
        c,
        body.error.issues.map((issue) => ({ name: issue.path.join(".") || "(body)", message: issue.message })),
      );
    }
    const { workspace_id: workspaceId, settings: patch } = body.data;
    const problems = validateSettingValues(patch);
    if (problems.length > 0) {
      log.warn("admin settings rejected", { workspace_id: workspaceId, fields: problems.map((p) => p.name) });
      return c.json(
        { error: "invalid_settings", message: "nothing was stored; fix the fields listed", fields: problems },
        400,
      );
    }

    try {
      const { merged, audit } = await saveWorkspaceSettings({
        workspaceId,
        store: deps.storeFor(workspaceId),
        patch,
        ledger: deps.ledger?.() ?? null,
        changedBy: "admin",
        now: deps.now?.() ?? new Date(),
        logger: log,
      });
      return c.json({ ...effectiveSettingsView(workspaceId, merged, deps.env, log), audit }, 200);
    } catch (error) {
      return storeFailure(c, error, workspaceId);
    }
  };

  return { get, put };
}
