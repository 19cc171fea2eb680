import * as z from "zod";
import { setting } from "./setting-field.ts";
import { toNumber } from "./setting-inputs.ts";

/** Deskmate's default share of the helpdesk account's API limit: the rest stays with people and other apps. */
export const DEFAULT_HELPDESK_API_SHARE = 0.3;
export const MIN_HELPDESK_API_SHARE = 0.05;

const FIX = "use a share of the account's API limit between 0.05 and 1, e.g. 0.3 for 30%";

/**
 * The request governor's field of the settings schema (request-governor-settings.ts). Below 5% a job's few
 * requests would not fit the smallest Zendesk plan's minute (200 × 0.05 = 10), so queue work would stall.
 */
export const requestGovernorSettingFields = {
  helpdeskApiShare: setting(
    "helpdeskApiShare",
    z.preprocess(
      toNumber,
      z
        .number({ error: `not a number; ${FIX}` })
        .min(MIN_HELPDESK_API_SHARE, `too small; ${FIX}`)
        .max(1, `too large; ${FIX}`),
    ),
    DEFAULT_HELPDESK_API_SHARE,
  ),
};
