import type { Context } from "hono";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { exportDecisions } from "./decision-export.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";

export interface AdminDecisionsDeps {
  adminToken: () => string | undefined;
  /** The outcome ledger; null when no D1 database is bound as LEDGER. */
  ledger: () => Ledger | null;
  logger: Logger;
}

type Handler = (c: Context) => Promise<Response>;

export const ADMIN_DECISIONS_PATHS = {
  list: "/admin/decisions",
  csv: "/admin/export.csv",
  ndjson: "/admin/export.ndjson",
} as const;

export const NO_LEDGER =
  "no D1 database is bound as LEDGER; create it with `npx wrangler d1 create deskmate-ledger`, put its id " +
  "in wrangler.toml and apply the migrations (README, Deploy)";

/**
 * The decision rows of the outcome ledger for one account and date range: `GET /admin/decisions`
 * (a page, newest first, handoffs included, `next_cursor` for the next page) and the same rows as a
 * whole export (`/admin/export.csv`, `/admin/export.ndjson`). Gates: admin token (503/401), every bad
 * parameter named (400), ledger bound (503).
 */
export function adminDecisionsHandlers(deps: AdminDecisionsDeps): { list: Handler; csv: Handler; ndjson: Handler } {
  const log = deps.logger.child({ route: ADMIN_DECISIONS_PATHS.list });
  const open = async (c: Context, options: { paged: boolean }) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return { response: refused } as const;
    const params = parseLedgerParams((name) => c.req.query(name), options);
    if (!params.ok) return { response: invalidRequest(c, params.problems) } as const;
    const ledger = deps.ledger();
    if (!ledger) {
      log.error(NO_LEDGER);
      return { response: c.json({ error: "ledger_missing", message: NO_LEDGER }, 503) } as const;
    }
    return { ledger, query: params.query } as const;
  };

  const list: Handler = async (c) => {
    const opened = await open(c, { paged: true });
    if ("response" in opened) return opened.response;
    try {
      const page = await opened.ledger.decisions(opened.query);
      return c.json({ decisions: page.rows, next_cursor: page.nextCursor }, 200);
    } catch (cause) {
      const error = toDeskmateError(cause);
      if (error.status === 400) return invalidRequest(c, [{ name: "cursor", message: error.message }]);
      log.error("ledger read failed", { error_code: error.code, error });
      return c.json({ error: "ledger_unavailable", message: "the ledger could not be read; retry later" }, 503);
    }
  };

  const exportAs =
    (format: "csv" | "ndjson"): Handler =>
    async (c) => {
      const opened = await open(c, { paged: false });
      if ("response" in opened) return opened.response;
      const { query } = opened;
      const name = `deskmate-decisions-${query.platform}-${query.account}-${query.from.slice(0, 10)}.${format}`;
      return new Response(exportDecisions(opened.ledger, query, format), {
        headers: {
          "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
          "content-disposition": `attachment; filename="${name}"`,
        },
      });
    };

  return { list, csv: exportAs("csv"), ndjson: exportAs("ndjson") };
}
