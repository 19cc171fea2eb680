import type { D1Statement } from "../../src/ledger/d1-ledger.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

/**
 * The SQLite D1 shim, except that while `failDecisions` is set the next decision insert fails the way
 * an unreachable D1 does (and clears the flag): the ledger write of one job fails once.
 */
export function ledgerThatFailsOnce() {
  const db = sqliteD1();
  const control = { failDecisions: false };
  const wrap = (sql: string, statement: D1Statement): D1Statement => ({
    bind: (...values) => wrap(sql, statement.bind(...values)),
    all: (...args) => statement.all(...args),
    raw: (...args) => statement.raw(...args),
    run: async () => {
      if (control.failDecisions && /insert\b.*\binto\s+decisions\b/is.test(sql)) {
        control.failDecisions = false;
        throw new Error("D1_ERROR: network connection lost (test)");
      }
      return statement.run();
    },
  });
  return Object.assign(control, {
    ...db,
    prepare: (sql: string) => wrap(sql, db.prepare(sql)),
  });
}
