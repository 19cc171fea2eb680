import type { SettingDefinition } from "./setting-definition.ts";

/**
 * Escalation routing's settings (src/pipeline/route-escalation.ts, src/handoff/choose-route.ts): part of
 * the single settings table (`settingDefinitions` spreads them in), kept apart only to keep each file
 * readable. Unset, escalations go where `group_by_category` and `fallback_group_id` send them.
 */
export const routingSettings = {
  groupByLocale: {
    name: "group_by_locale",
    type: "multiline",
    label: "Escalation group per language",
    description:
      'Group id that escalations of customers in a language go to. One "locale=group id" per line (or comma ' +
      "separated), or a JSON object; a full locale (pt-br) wins over its language (pt), and category:locale " +
      "(billing:es) wins over both for that category. Example: es=360001234567, billing:es=360001234568",
    limits: { maxChars: 10_000, maxItems: 100 },
  },
  vipGroupId: {
    name: "vip_group_id",
    type: "text",
    label: "VIP escalation group id",
    description:
      "Senior group id that escalations of VIP customers (see vip_tags) go to, before any language or " +
      "category group. Empty: VIPs are routed like everyone else.",
    limits: { maxChars: 20 },
  },
  routingContinuity: {
    name: "routing_continuity",
    type: "checkbox",
    label: "Assign the agent who solved the customer's last ticket",
    description:
      "On (default): an escalation is assigned to the agent who solved the requester's most recent solved " +
      "ticket, when that agent is in the target group, not away and under the open-escalation limit.",
    limits: { maxChars: 8 },
  },
  maxOpenEscalationsPerAgent: {
    name: "max_open_escalations_per_agent",
    type: "number",
    label: "Most open escalations per agent",
    description: "1 to 1000. Continuity does not assign an agent who already holds this many open escalated tickets.",
    limits: { maxChars: 32 },
  },
  awayAgentIds: {
    name: "away_agent_ids",
    type: "text",
    label: "Agents away",
    description:
      "Comma-separated agent ids continuity never assigns (on leave, out today). Intercom's away mode and " +
      "suspended Zendesk agents count as away already; Zendesk's Support API has no availability status.",
    limits: { maxChars: 4_000, maxItems: 200, maxItemChars: 20 },
  },
} as const satisfies Record<string, SettingDefinition>;
