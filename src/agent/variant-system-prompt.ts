import type { PromptVariant } from "../domain/canary.ts";
import { SYSTEM_PROMPT } from "./system-prompt.ts";

/**
 * The alternative ends the prompt with one more rule, so everything else stays byte-for-byte the same
 * and a canary measures that rule alone: replies that lead with the answer and stay short.
 */
const CONCISE_RULE = [
  "",
  "# Brevity",
  "Lead with the answer in the first sentence. Keep replies under 80 words and at most three numbered " +
    "steps; leave out background the customer did not ask for. A question stays one sentence.",
].join("\n");

/** Every prompt variant's system prompt; `satisfies` keeps the registry in step with PROMPT_VARIANTS. */
const PROMPTS = {
  current: SYSTEM_PROMPT,
  concise: `${SYSTEM_PROMPT}\n${CONCISE_RULE}`,
} as const satisfies Record<PromptVariant, string>;

/** The system prompt of a variant (the settings schema refuses unknown variants before they get here). */
export function variantSystemPrompt(variant: PromptVariant): string {
  return PROMPTS[variant];
}
