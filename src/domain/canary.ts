/**
 * The canary: a candidate configuration (model ids, thresholds, guardrail policy, prompt variant)
 * that decides a share of assistant-arm tickets, so a change is measured before everyone gets it.
 */

/** The system prompts Deskmate can decide with (src/agent/prompt-variants.ts holds their texts). */
export const PROMPT_VARIANTS = ["current", "concise"] as const;
export type PromptVariant = (typeof PROMPT_VARIANTS)[number];

/** Which configuration decided a ticket: the canary override, or the account's current settings. */
export type Variant = "canary" | "current";

/** What the model call uses of a decision's settings, when they differ from the model's own (a canary). */
export interface ModelConfiguration {
  decisionModel: string;
  handoffModel: string;
  promptVariant: PromptVariant;
}
