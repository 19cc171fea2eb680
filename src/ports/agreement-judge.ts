import type { ModelCallUsage } from "./model.ts";

/** Two replies to the same customer message: the assistant's proposal and the human's, both masked. */
export interface JudgeInput {
  proposed: string;
  human: string;
  /** The model id to ask (setting `agreement_judge_model`). */
  model: string;
}

export type JudgeResult =
  | { ok: true; agrees: boolean; usage: ModelCallUsage }
  /** A failure after the API answered still billed tokens: `usage` then says how many. */
  | { ok: false; detail: string; usage?: ModelCallUsage };

/**
 * The optional model judge of answer agreement (setting `agreement_judge`): one call per scored
 * answer pair against a fixed rubric. Implementations never throw: every failure is a typed result.
 */
export interface AgreementJudge {
  judge(input: JudgeInput): Promise<JudgeResult>;
}
