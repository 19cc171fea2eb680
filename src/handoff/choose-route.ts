import type { Settings } from "../config/settings-schema.ts";
import type { AgentProfile, SolvedTicket } from "../domain/routing.ts";

export type RouteSettings = Pick<
  Settings,
  | "groupByLocale"
  | "vipGroupId"
  | "groupByCategory"
  | "fallbackGroupId"
  | "routingContinuity"
  | "maxOpenEscalationsPerAgent"
  | "awayAgentIds"
>;

export interface TargetGroup {
  groupId: string;
  /** Why this group, in words for the note: "VIP customer", "category billing, language es". */
  why: string;
}

/**
 * The group an escalation goes to. Precedence, first match wins:
 * 1. a VIP (triage's `isVip`) goes to `vip_group_id`: the senior team owns those relationships and
 *    handles every category and language they bring;
 * 2. the customer's language: `category:locale` first (the group serving this category in this
 *    language), then `locale`; for each, every locale in `locales` in order, so a full locale (pt-br)
 *    wins over its language (pt). Language beats category because an agent who cannot read the customer
 *    cannot help at all, while any agent of a language group can take any category with the note;
 * 3. the group the decision already chose from the category mapping or the fallback group (today's
 *    routing, unchanged when nothing above is configured).
 * Null when none applies: the ticket stays in its group, as before.
 */
export function chooseTargetGroup(input: {
  category: string | null;
  /** The decision's group (`group_by_category`, else `fallback_group_id`), if any. */
  decidedGroupId: string | undefined;
  /** Lower-case locales, most specific first (e.g. ["pt-br", "pt"]). */
  locales: readonly string[];
  vip: boolean;
  settings: RouteSettings;
}): TargetGroup | null {
  const { category, settings } = input;
  if (input.vip && settings.vipGroupId) return { groupId: settings.vipGroupId, why: "VIP customer" };
  const byLocale = settings.groupByLocale as Readonly<Record<string, string | undefined>>;
  if (category) {
    for (const locale of input.locales) {
      const groupId = byLocale[`${category}:${locale}`];
      if (groupId) return { groupId, why: `category ${category}, language ${locale}` };
    }
  }
  for (const locale of input.locales) {
    const groupId = byLocale[locale];
    if (groupId) return { groupId, why: `language ${locale}` };
  }
  const decided = input.decidedGroupId;
  if (decided === undefined) return null;
  if (category && settings.groupByCategory[category] === decided)
    return { groupId: decided, why: `category ${category}` };
  if (decided === settings.fallbackGroupId) return { groupId: decided, why: "fallback group" };
  return { groupId: decided, why: category ? `category ${category}` : "the decision's group" };
}

/** What routing could learn about the agent who solved the requester's last ticket. */
export type ContinuityFacts =
  | { kind: "off" }
  | { kind: "no_previous" }
  | { kind: "previous_unreadable" }
  | { kind: "agent_unreadable"; ticket: SolvedTicket }
  | { kind: "read"; ticket: SolvedTicket; agent: AgentProfile; openEscalations: number };

export interface AssigneeChoice {
  assigneeId?: string;
  /** The agent half of the routing line; absent when continuity is off. */
  line?: string;
}

/**
 * Continuity: the agent who solved the requester's most recent solved ticket takes the escalation,
 * only when they are in the target group, not away (helpdesk status or `away_agent_ids`) and hold
 * fewer than `max_open_escalations_per_agent` open escalations. Every other case assigns nobody and
 * says why; a read that failed never blocks the group.
 */
export function chooseAssignee(input: {
  target: TargetGroup;
  groupLabel: string;
  facts: ContinuityFacts;
  settings: RouteSettings;
  now: Date;
}): AssigneeChoice {
  const { facts, settings } = input;
  switch (facts.kind) {
    case "off":
      return {};
    case "no_previous":
      return { line: "no agent assigned: no earlier solved ticket with an agent" };
    case "previous_unreadable":
      return { line: "no agent assigned: the customer's earlier tickets could not be checked" };
    case "agent_unreadable":
      return {
        line: `no agent assigned: agent ${facts.ticket.assigneeId ?? "?"} (solved #${facts.ticket.id}) could not be checked`,
      };
  }
  const { ticket, agent, openEscalations } = facts;
  const who = `${agent.name} (solved #${ticket.id})`;
  if (!agent.groupIds.includes(input.target.groupId))
    return { line: `no agent assigned: ${who} is not in ${input.groupLabel}` };
  if (agent.away || settings.awayAgentIds.includes(agent.id)) return { line: `no agent assigned: ${who} is away` };
  const limit = settings.maxOpenEscalationsPerAgent;
  if (openEscalations >= limit)
    return {
      line: `no agent assigned: ${who} holds ${openEscalations} open escalation${openEscalations === 1 ? "" : "s"} (limit ${limit})`,
    };
  return {
    assigneeId: agent.id,
    line: `assigned to ${agent.name}, who solved #${ticket.id} ${sinceWords(ticket.solvedAt, input.now)}`,
  };
}

/** The one routing line of the handoff note. */
export function routingLine(target: TargetGroup, groupLabel: string, choice: AssigneeChoice): string {
  const head = `Routed to ${groupLabel} — ${target.why}`;
  return choice.line ? `${head}; ${choice.line}` : head;
}

/** "today", "yesterday", "3 days ago", "last week", "3 weeks ago", "2 months ago". */
export function sinceWords(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  if (!Number.isFinite(days) || days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  if (days < 14) return "last week";
  if (days < 60) return `${Math.floor(days / 7)} weeks ago`;
  if (days < 730) return `${Math.floor(days / 30)} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}
