import type { SqlValue } from "./ledger-rows.ts";

/**
 * The part of Cloudflare's `D1Database` the ledger uses. Kept this small so the same adapter runs on
 * D1 in the worker and, in Node, on any SQLite behind a few lines of glue.
 */
export interface D1Statement {
  bind(...values: SqlValue[]): D1Statement;
  run(): Promise<{ meta: { changes: number } }>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  /** Rows as arrays of values in column order: no column names repeated per row (large reads). */
  raw<T = unknown[]>(): Promise<T[]>;
}

export interface D1Like {
  prepare(query: string): D1Statement;
  /** Runs the statements in one transaction: all apply or none. */
  batch(statements: D1Statement[]): Promise<Array<{ meta: { changes: number } }>>;
}
