import * as z from "zod";
import { categoryName, intBetween, listOf, modelId, probability, setting } from "./setting-field.ts";
import { toLowerText } from "./setting-inputs.ts";

/**
 * Routine, low-risk categories from triage's list (src/domain/triage.ts): questions answered from the help
 * center or the customer's own records. Money (billing, refund, cancellation), complaints, account access,
 * fraud, bugs and "other" stay with the decision model.
 */
export const DEFAULT_SMALL_MODEL_CATEGORIES = [
  "order_shipping",
  "transaction_status",
  "product_question",
  "account_management",
  "contact_support",
  "feedback",
] as const;

/** Three exchanges (a customer message and its reply each) in full; about 400 tokens for everything older. */
export const DEFAULT_RECENT_TURNS = 6;
export const DEFAULT_OLDER_TURNS_BUDGET = 400;

/** The model routing's and the conversation budget's fields of the settings schema (model-routing-settings.ts). */
export const modelRoutingSettingFields = {
  // The handoff model's default (DEFAULT_HANDOFF_MODEL; not imported: settings-schema.ts imports this file).
  smallModel: setting("smallModel", modelId, "claude-haiku-5-5"),
  smallModelCategories: setting(
    "smallModelCategories",
    listOf("smallModelCategories", () => z.preprocess(toLowerText, categoryName), { commas: true }),
    [...DEFAULT_SMALL_MODEL_CATEGORIES],
  ),
  smallModelMinConfidence: setting("smallModelMinConfidence", probability, 0.7),
  recentTurns: setting("recentTurns", intBetween(1, 40), DEFAULT_RECENT_TURNS),
  olderTurnsBudget: setting("olderTurnsBudget", intBetween(0, 8000), DEFAULT_OLDER_TURNS_BUDGET),
};
