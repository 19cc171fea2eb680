import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { D1Like, D1Statement } from "../../src/ledger/d1-ledger.ts";
import type { SqlValue } from "../../src/ledger/ledger-rows.ts";

const MIGRATIONS = new URL("../../migrations/", import.meta.url);

/**
 * An SQLite database (in memory unless given a file path) with every migration applied, in D1's shape, for Node tests of the
 * ledger. `batch` is one transaction, as on D1. `database` is exposed so a test can look at raw rows.
 */
export function sqliteD1(path = ":memory:"): D1Like & { database: DatabaseSync } {
  const database = new DatabaseSync(path);
  for (const file of readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith(".sql"))
    .sort()) {
    database.exec(readFileSync(new URL(file, MIGRATIONS), "utf8"));
  }

  const statement = (sql: string, values: SqlValue[]): D1Statement => ({
    bind: (...more) => statement(sql, [...values, ...more]),
    run: async () => {
      const result = database.prepare(sql).run(...(values as SQLInputValue[]));
      return { meta: { changes: Number(result.changes) } };
    },
    all: async <T>() => ({ results: database.prepare(sql).all(...(values as SQLInputValue[])) as T[] }),
    raw: async <T>() => {
      const prepared = database.prepare(sql);
      prepared.setReturnArrays(true);
      return prepared.all(...(values as SQLInputValue[])) as T[];
    },
  });

  return {
    database,
    prepare: (sql) => statement(sql, []),
    batch: async (statements) => {
      database.exec("BEGIN");
      try {
        const results = [];
        for (const s of statements) results.push(await s.run());
        database.exec("COMMIT");
        return results;
      } catch (error) {
        database.exec("ROLLBACK");
        throw error;
      }
    },
  };
}
