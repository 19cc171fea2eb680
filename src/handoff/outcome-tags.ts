import type { Outcome } from "../domain/plan.ts";

const OUTCOME_TAG: Record<Outcome, string> = { answer: "answered", ask: "asked", act: "acted", escalate: "escalated" };

/**
 * Tags that make a plan reportable in the helpdesk's own reporting: `<prefix><outcome>` plus one
 * `<prefix>reason_<code>` per reason. Codes are snake_case already; anything else (a code read back
 * from stored state) is made tag-safe (Zendesk tags cannot hold spaces).
 */
export function outcomeTags(plan: { outcome: Outcome; reasons: readonly string[] }, prefix: string): string[] {
  const reasons = plan.reasons.map((code) => `${prefix}reason_${code.toLowerCase().replace(/[^a-z0-9_-]+/g, "_")}`);
  return [...new Set([`${prefix}${OUTCOME_TAG[plan.outcome]}`, ...reasons])];
}
