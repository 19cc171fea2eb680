import * as z from "zod";
import { flag, intBetween, modelId, setting } from "./setting-field.ts";
import { toNumber } from "./setting-inputs.ts";

/** The judge is small and cheap: it compares two short texts against a fixed rubric. */
export const DEFAULT_AGREEMENT_JUDGE_MODEL = "claude-haiku-5-5";

/** The zod fields of shadow scoring and readiness, spread into `settingsSchema`. */
export const shadowScoringSettingFields = {
  readinessThreshold: setting("readinessThreshold", z.preprocess(toNumber, z.number().min(0.5).max(1)), 0.8),
  readinessMinSamples: setting("readinessMinSamples", intBetween(10, 10_000), 30),
  agreementJudge: setting("agreementJudge", flag, false),
  agreementJudgeModel: setting("agreementJudgeModel", modelId, DEFAULT_AGREEMENT_JUDGE_MODEL),
};
