import * as z from "zod";
import { categoryName, intBetween, limits, setting } from "./setting-field.ts";
import { toList, toLowerText, toNumber, toText } from "./setting-inputs.ts";

/** Default salt of the arm hash: any fixed text works; changing it reshuffles the arms of new tickets. */
export const DEFAULT_ARM_SALT = "deskmate-arms-v1";

const autosendCategoriesMax = limits("autosendCategories").maxItems ?? 0;

/** `all`, `ready`, or a list of categories (text with commas or new lines, or a JSON array). */
const autosendCategories = z.preprocess(
  (value, ctx) => {
    const text = toLowerText(value);
    if (text === "all" || text === "ready") return text;
    const list = toList(text, ctx, { commas: true });
    return Array.isArray(list) ? list.map(toLowerText) : list;
  },
  z.union([z.literal("all"), z.literal("ready"), z.array(categoryName).min(1).max(autosendCategoriesMax)], {
    error: "use all, ready, or a comma-separated list of categories (e.g. billing,shipping)",
  }),
);

/** The zod fields of the rollout experiment's settings (rollout-arm-settings.ts), spread into `settingsSchema`. */
export const rolloutArmSettingFields = {
  controlPercent: setting("controlPercent", z.preprocess(toNumber, z.number().int().min(0).max(100)), 0),
  armSalt: setting(
    "armSalt",
    z.preprocess(toText, z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "use 1-64 letters, digits, _ . : or -")),
    DEFAULT_ARM_SALT,
  ),
  autosendCategories: setting("autosendCategories", autosendCategories, "all" as "all" | "ready" | string[]),
  experimentMinSamples: setting("experimentMinSamples", intBetween(1, 100_000), 30),
};
