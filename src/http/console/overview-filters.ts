import type { LedgerAccount, LedgerReportQuery } from "../../ports/ledger.ts";
import { asOfParam } from "../admin/as-of-param.ts";
import { parseLedgerParams } from "../admin/ledger-query-params.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The default range: the last 7 UTC days, today included. */
const DEFAULT_DAYS = 7;

/** The filter form's values as the page shows them back (what was asked, or the defaults). */
export interface FilterValues {
  platform: string;
  account: string;
  from: string;
  to: string;
  /** The instant the report is computed at, as asked ("" for now): a past week re-read as it stood then. */
  as_of: string;
}

export type OverviewFilters =
  | { values: FilterValues; query: LedgerReportQuery; at: Date; problems: [] }
  | { values: FilterValues; query: null; problems: FieldProblem[] };

/**
 * The console's filters (platform, account, from, to) read from the query string, with defaults for
 * what is left out: the first account the ledger holds (of the platform asked for, if one was) and the
 * last 7 UTC days. Checked by the same rules as the admin API's parameters, every bad field named.
 */
export function overviewFilters(
  read: (name: string) => string | undefined,
  accounts: readonly LedgerAccount[],
  now: Date,
): OverviewFilters {
  const asked = (name: string) => {
    const value = read(name)?.trim();
    return value ? value : undefined;
  };
  const platform = asked("platform");
  const fallback = accounts.find((a) => platform === undefined || a.platform === platform);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const values: FilterValues = {
    platform: platform ?? fallback?.platform ?? "zendesk",
    account: asked("account") ?? fallback?.account ?? "",
    from: asked("from") ?? isoDay(today - (DEFAULT_DAYS - 1) * DAY_MS),
    to: asked("to") ?? isoDay(today),
    as_of: asked("as_of") ?? "",
  };
  const parsed = parseLedgerParams((name) => values[name as keyof FilterValues], { paged: false });
  const asOf = asOfParam(values.as_of || undefined, now);
  const problems = [...(parsed.ok ? [] : parsed.problems), ...("problem" in asOf ? [asOf.problem] : [])];
  if (!parsed.ok || "problem" in asOf) return { values, query: null, problems };
  const { platform: p, account, from, to } = parsed.query;
  return { values, query: { platform: p, account, from, to }, at: asOf.asOf, problems: [] };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The filters as a query string for links between console pages, so a chosen account, range and
 * `as_of` survive a click on the nav (empty values left out).
 */
export function filterQuery(values: FilterValues): string {
  const pairs = Object.entries(values).filter(([, value]) => value !== "");
  return new URLSearchParams(pairs).toString();
}
