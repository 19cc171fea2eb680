import type { Context } from "hono";
import type { Platform } from "../../domain/support-event.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { LogFields, Logger } from "../../lib/logger.ts";
import type { Ledger, LedgerReportQuery } from "../../ports/ledger.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { boundLedger, ledgerFailed } from "./ledger-answers.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

export interface LedgerReportHandlerDeps<S> {
  /** The route's path, for its log lines. */
  route: string;
  adminToken: () => string | undefined;
  /** The outcome ledger; null when no D1 database is bound as LEDGER. */
  ledger: () => Ledger | null;
  /** What the report needs of the account's settings, resolved as the pipeline resolves them. */
  settings: (platform: Platform, account: string) => Promise<S>;
  /** The route's own query parameters, checked with the ledger's: each problem names its field. */
  extraProblems?: (c: Context) => FieldProblem[];
  /** The report as JSON, and the log line that says what was read. */
  report: (
    c: Context,
    ledger: Ledger,
    query: LedgerReportQuery,
    settings: S,
  ) => Promise<{ body: unknown; message: string; fields: LogFields }>;
  logger: Logger;
}

/**
 * A `GET /admin/...` report over one account's ledger rows, with the gates of `/admin/metrics`: the
 * admin token (503 when unset, 401 when wrong), every bad parameter named (400), a ledger bound
 * (503), the account's settings readable (503), the ledger readable (503). One log line per answer.
 */
export function ledgerReportHandler<S>(deps: LedgerReportHandlerDeps<S>): (c: Context) => Promise<Response> {
  const log = deps.logger.child({ route: deps.route });
  return async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return refused;
    const params = parseLedgerParams((name) => c.req.query(name), { paged: false });
    const extra = deps.extraProblems?.(c) ?? [];
    if (!params.ok || extra.length) return invalidRequest(c, [...(params.ok ? [] : params.problems), ...extra]);
    const ledger = boundLedger(c, deps.ledger(), log);
    if (ledger instanceof Response) return ledger;
    const { platform, account, from, to } = params.query;
    const ids = { platform, account };
    let settings: S;
    try {
      settings = await deps.settings(platform, account);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("settings read failed", { ...ids, error_code: error.code, error });
      return c.json(
        { error: "settings_unavailable", message: "the account's settings could not be read; retry later" },
        503,
      );
    }
    try {
      const { body, message, fields } = await deps.report(c, ledger, { platform, account, from, to }, settings);
      log.info(message, { ...ids, ...fields });
      return c.json(body, 200);
    } catch (cause) {
      return ledgerFailed(c, log.child(ids), cause, "read");
    }
  };
}
