import type { Platform } from "../../domain/support-event.ts";
import type { LedgerQuery } from "../../ports/ledger.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range one request may cover (a year and a day). */
const MAX_RANGE_DAYS = 366;
const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type LedgerParams = { ok: true; query: LedgerQuery } | { ok: false; problems: FieldProblem[] };

/**
 * The query parameters every ledger endpoint takes: `platform`, `account`, `from` and `to` (whole UTC
 * days, both included), and for paged lists `limit` and `cursor`. Every bad parameter is named with
 * its fix, all at once.
 */
export function parseLedgerParams(
  read: (name: string) => string | undefined,
  options: { paged: boolean },
): LedgerParams {
  const problems: FieldProblem[] = [];
  const platform = read("platform");
  if (platform !== "zendesk" && platform !== "intercom") {
    problems.push({ name: "platform", message: "required: zendesk or intercom" });
  }
  const account = read("account") ?? "";
  if (!ACCOUNT.test(account)) {
    problems.push({ name: "account", message: "required: the Zendesk subdomain or the Intercom workspace id" });
  }
  const from = day(read("from"), "from", problems);
  const to = day(read("to"), "to", problems);
  if (from !== null && to !== null) {
    if (to < from) problems.push({ name: "to", message: "must not be before from" });
    else if ((to - from) / DAY_MS + 1 > MAX_RANGE_DAYS) {
      problems.push({ name: "to", message: `the range may cover at most ${MAX_RANGE_DAYS} days` });
    }
  }
  let limit: number | undefined;
  let cursor: string | undefined;
  if (options.paged) {
    const rawLimit = read("limit");
    if (rawLimit !== undefined) {
      limit = Number(rawLimit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        problems.push({ name: "limit", message: "a whole number from 1 to 1000 (default 100)" });
      }
    }
    cursor = read("cursor") || undefined;
  }
  if (problems.length || from === null || to === null) return { ok: false, problems };
  const query: LedgerQuery = {
    platform: platform as Platform,
    account,
    from: new Date(from).toISOString(),
    to: new Date(to + DAY_MS).toISOString(),
    ...(limit !== undefined ? { limit } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  };
  return { ok: true, query };
}

function day(value: string | undefined, name: string, problems: FieldProblem[]): number | null {
  const ms = value !== undefined && DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    problems.push({ name, message: "required: a date as YYYY-MM-DD (UTC)" });
    return null;
  }
  return ms;
}
