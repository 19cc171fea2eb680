import type { PreparedCall } from "./authorize-action.ts";
import { canonicalParameters } from "./idempotency-key.ts";

export const MAX_READS_PER_MESSAGE = 3;
export const MAX_WRITES_PER_MESSAGE = 1;

export type BudgetRefusal = "read_budget_exhausted" | "repeated_call" | "write_budget_exhausted";

/** Per-message tool-call budget: 3 reads, 1 write, and never the same call twice. */
export interface ActionBudget {
  /** Records the call and returns null when it fits; otherwise says why not and records nothing. */
  take(call: PreparedCall): BudgetRefusal | null;
  readonly used: { reads: number; writes: number };
}

export function createActionBudget(limits: { reads?: number; writes?: number } = {}): ActionBudget {
  const maxReads = limits.reads ?? MAX_READS_PER_MESSAGE;
  const maxWrites = limits.writes ?? MAX_WRITES_PER_MESSAGE;
  const seen = new Set<string>();
  const used = { reads: 0, writes: 0 };
  return {
    used,
    take(call) {
      const key = `${call.action.name}:${canonicalParameters(call.parameters)}`;
      if (seen.has(key)) return "repeated_call";
      if (call.action.kind === "read" && used.reads >= maxReads) return "read_budget_exhausted";
      if (call.action.kind === "write" && used.writes >= maxWrites) return "write_budget_exhausted";
      seen.add(key);
      if (call.action.kind === "read") used.reads += 1;
      else used.writes += 1;
      return null;
    },
  };
}
