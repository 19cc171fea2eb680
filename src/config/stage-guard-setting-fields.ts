import { flag, intBetween, probability, setting } from "./setting-field.ts";

/**
 * The stage guard's fields of the settings schema (definitions in stage-guard-settings.ts). The
 * defaults sit clearly worse than a human team's usual numbers (reopens under 10%, bad ratings
 * under 15%), so the guard catches a category that went wrong, not ordinary noise; 20 samples keep
 * one unlucky week from tripping it.
 */
export const stageGuardSettingFields = {
  guardEnabled: setting("guardEnabled", flag, true),
  guardWindowDays: setting("guardWindowDays", intBetween(1, 90), 14),
  guardMinSamples: setting("guardMinSamples", intBetween(1, 10_000), 20),
  guardMaxFalseResolutionRate: setting("guardMaxFalseResolutionRate", probability, 0.15),
  guardMaxBadCsatRate: setting("guardMaxBadCsatRate", probability, 0.25),
  guardAutoReenable: setting("guardAutoReenable", flag, false),
};
