import * as z from "zod";
import { flag, intBetween, setting } from "./setting-field.ts";
import { toNumber } from "./setting-inputs.ts";

/** The drift check's fields of the settings schema (`settingsSchema` spreads them in). */
export const driftCheckSettingFields = {
  driftCheckEnabled: setting("driftCheckEnabled", flag, true),
  driftCheckRuns: setting("driftCheckRuns", intBetween(1, 10), 3),
  driftCheckMaxCases: setting("driftCheckMaxCases", intBetween(1, 500), 50),
  driftCheckMaxCostUsd: setting("driftCheckMaxCostUsd", z.preprocess(toNumber, z.number().min(0.01).max(1000)), 2),
};
