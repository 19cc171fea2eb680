import type { SettingDefinition } from "./setting-definition.ts";

/**
 * Model routing by difficulty and the conversation's token budget (src/pipeline/choose-model.ts,
 * src/agent/build-prompt.ts): part of the single settings table (`settingDefinitions` spreads them in).
 */
export const modelRoutingSettings = {
  smallModel: {
    name: "small_model",
    type: "text",
    label: "Small model for routine messages",
    description:
      "Claude model id that decides messages in the routine categories below when the customer is not a VIP; " +
      "the decision model takes the rest.",
    limits: { maxChars: 200 },
  },
  smallModelCategories: {
    name: "small_model_categories",
    type: "text",
    label: "Routine categories (small model)",
    description: "Comma-separated categories the small model decides. Empty: the decision model decides every message.",
    limits: { maxChars: 8_000, maxItems: 100, maxItemChars: 64 },
  },
  smallModelMinConfidence: {
    name: "small_model_min_confidence",
    type: "number",
    label: "Small model's lowest confidence",
    description:
      "0 to 1. When the small model is less sure of the message's category than this, the decision model " +
      "decides the message again.",
    limits: { maxChars: 32 },
  },
  recentTurns: {
    name: "recent_turns",
    type: "number",
    label: "Recent messages sent in full",
    description:
      "1 to 40. The last messages of the conversation that reach the model in full; older ones are shortened " +
      "to the older messages' token budget.",
    limits: { maxChars: 32 },
  },
  olderTurnsBudget: {
    name: "older_turns_budget",
    type: "number",
    label: "Older messages' budget (tokens)",
    description:
      "0 to 8000. About how many tokens (4 characters each) the messages before the recent ones may take in " +
      "the prompt; each is shortened and the oldest left out first. 0: leave them out.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
