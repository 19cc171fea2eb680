import type * as z from "zod";
import type { Logger } from "../lib/logger.ts";
import { catalogOverrideSchema, catalogSchema, type ActionCatalog } from "./catalog.ts";
import defaultCatalogJson from "./default-catalog.json" with { type: "json" };

export interface LoadCatalogInput {
  /** The workspace's override (parsed JSON), if any. */
  override?: unknown;
  /** The catalog in use before this load; kept when the new one is invalid. */
  lastGood?: ActionCatalog;
  /** The deploy's catalog; default-catalog.json unless a test passes another. */
  base?: unknown;
}

export interface LoadCatalogResult {
  catalog: ActionCatalog;
  /** One line per bad field, `path: message`. Empty when the new catalog was accepted. */
  problems: string[];
}

const EMPTY: ActionCatalog = { version: "empty", actions: [] };

/**
 * Pure: the base catalog merged with the workspace override (entries replaced or added by name,
 * `{name, disabled: true}` removes one). When anything is invalid the result is the last good
 * catalog (else the base alone, else empty) and `problems` lists every bad field.
 */
export function loadCatalog(input: LoadCatalogInput = {}): LoadCatalogResult {
  const base = catalogSchema.safeParse(input.base ?? defaultCatalogJson);
  if (!base.success) return { catalog: input.lastGood ?? EMPTY, problems: describe("base", base.error) };
  if (input.override === undefined || input.override === null) return { catalog: base.data, problems: [] };

  const override = catalogOverrideSchema.safeParse(input.override);
  if (!override.success)
    return { catalog: input.lastGood ?? base.data, problems: describe("override", override.error) };

  const byName = new Map<string, unknown>(base.data.actions.map((a) => [a.name, a]));
  for (const entry of override.data.actions) {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== "string") continue; // reported by the schema check below
    if ((entry as { disabled?: unknown }).disabled === true) byName.delete(name);
    else byName.set(name, entry);
  }
  const unnamed = override.data.actions.filter((e) => typeof (e as { name?: unknown } | null)?.name !== "string");
  const merged = catalogSchema.safeParse({
    version: `${base.data.version}+${override.data.version ?? "workspace"}`,
    actions: [...byName.values(), ...unnamed],
  });
  if (!merged.success) {
    const names = [...byName.keys(), ...unnamed.map(() => "(unnamed)")];
    return { catalog: input.lastGood ?? base.data, problems: describe("override", merged.error, names) };
  }
  return { catalog: merged.data, problems: [] };
}

/** Log why a catalog was refused (field paths and messages only; catalogs hold no secrets). */
export function logCatalogProblems(logger: Logger, result: LoadCatalogResult): void {
  for (const problem of result.problems)
    logger.warn("action catalog rejected", { problem, version: result.catalog.version });
}

/** `override.actions.refund.limits.maxAmount: ...`: entries are named, not numbered, when known. */
function describe(source: string, error: z.ZodError, names: string[] = []): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part, i) =>
      i === 1 && issue.path[0] === "actions" && typeof part === "number" ? (names[part] ?? String(part)) : String(part),
    );
    return `${source}.${path.join(".")}: ${issue.message}`;
  });
}
