import type { Platform } from "../domain/support-event.ts";
import type { LedgerReportQuery } from "../ports/ledger.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { ledgerTime } from "./ledger-time.ts";

export interface ReportBounds {
  platform: Platform;
  account: string;
  /** The account and the range in epoch ms, in the order every report statement binds them. */
  range: SqlValue[];
}

/** A report query checked (an account, a range in order) and turned into bound values, for both report reads. */
export function reportBounds(query: LedgerReportQuery): ReportBounds {
  if (query.account.trim() === "") {
    throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
  }
  const from = ledgerTime("from", query.from);
  const to = ledgerTime("to", query.to);
  if (from > to) throw new LedgerInputError(`from: ${query.from} is after to (${query.to}); swap them`);
  const { platform, account } = query;
  return { platform, account, range: [platform, account, from, to] };
}
