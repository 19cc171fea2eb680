import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The settings of the model, the help center and the outcome ledger: part of the single settings table
 * (`settingDefinitions` spreads them in), kept apart only to keep each file readable.
 */
export const modelKnowledgeLedgerSettings = {
  decisionModel: {
    name: "decision_model",
    type: "text",
    label: "Decision model",
    description: "Claude model id that decides answer, ask, act or escalate for each customer message.",
    limits: { maxChars: 200 },
  },
  handoffModel: {
    name: "handoff_model",
    type: "text",
    label: "Handoff model",
    description: "Claude model id that writes the handoff summary when a message goes straight to a person.",
    limits: { maxChars: 200 },
  },
  modelTimeoutSeconds: {
    name: "model_timeout_seconds",
    type: "number",
    label: "Model timeout (seconds)",
    description: "1 to 30. A model call slower than this is retried, then the ticket goes to a person.",
    limits: { maxChars: 32 },
  },
  knowledgeMaxPassages: {
    name: "knowledge_max_passages",
    type: "number",
    label: "Help center articles per message",
    description: "1 to 10. How many help center articles Deskmate reads before answering a message.",
    limits: { maxChars: 32 },
  },
  knowledgeCacheMinutes: {
    name: "knowledge_cache_minutes",
    type: "number",
    label: "Help center cache (minutes)",
    description:
      "0 to 1440. How long article texts are cached; an edited " +
      "article is read again at once. 0 turns the cache off.",
    limits: { maxChars: 32 },
  },
  volatileTopics: {
    name: "volatile_topics",
    type: "text",
    label: "Volatile topics",
    description:
      "Comma-separated words (pricing, refunds, ...) whose " +
      "articles go out of date; old passages on them count as stale.",
    limits: { maxChars: 8_000, maxItems: 100, maxItemChars: 60 },
  },
  staleAfterDays: {
    name: "stale_after_days",
    type: "number",
    label: "Stale after (days)",
    description: "A passage on a volatile topic not updated for more than this many days (at least 1) is stale.",
    limits: { maxChars: 32 },
  },
  staleKnowledgeAction: {
    name: "stale_knowledge_action",
    type: "text",
    label: "When an answer rests only on stale knowledge",
    description:
      "escalate (hand over with reason stale_knowledge) or draft " +
      "(keep the answer as a suggested reply for an agent).",
    limits: { maxChars: 32 },
  },
  modelPrices: {
    name: "model_prices",
    type: "multiline",
    label: "Model prices (USD per million tokens)",
    description:
      "What each model costs, for the ledger's cost per decision. One model=input,output,cache_read,cache_write " +
      "per line (e.g. claude-sonnet-5-5=2,10,0.1,2.5) or a JSON object; replaces the built-in list prices. " +
      "A model without a price counts as 0 and is logged.",
    limits: { maxChars: 8_000, maxItems: 50 },
  },
  resolutionWaitHours: {
    name: "resolution_wait_hours",
    type: "number",
    label: "Resolution wait (hours)",
    description:
      "1 to 720. An answered ticket counts as AI-resolved when the " +
      "customer does not write again for this many hours (or it is solved with no human reply).",
    limits: { maxChars: 32 },
  },
  retentionDays: {
    name: "retention_days",
    type: "number",
    label: "Ledger retention (days)",
    description: "30 to 3650. Decision rows and ticket events older than this are deleted by the nightly job.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
