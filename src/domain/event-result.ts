import type { Outcome } from "./plan.ts";
import type { SkipReason } from "./reasons.ts";

export interface EventResult {
  outcome: Outcome | "skip";
  reasons: string[];
  /** Helpdesk write requests made for this event. */
  writes: number;
  /** Milliseconds per stage (context, decide, act, total). */
  timings: Record<string, number>;
  /** Model calls made for this event. */
  modelCalls?: number;
}

export function skipped(reason: SkipReason, timings: Record<string, number> = {}, writes = 0): EventResult {
  return { outcome: "skip", reasons: [reason], writes, timings };
}
