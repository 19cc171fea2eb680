import { HelpdeskError } from "../../lib/errors.ts";
import type { AgentProfile, SolvedTicket } from "../../domain/routing.ts";
import type { ZendeskCaller } from "./load-ticket-context.ts";
import { zendeskId } from "./zendesk-id.ts";
import type { ZdSearchPage, ZdUser } from "./zendesk-records.ts";

/*
 * The reads escalation routing makes on Zendesk Support, all in the Support API description:
 * ListSearchResults and CountSearchResults (search syntax: support.zendesk.com/hc/en-us/articles/203663226),
 * ShowUser with the `groups` sideload (the agent's group memberships in the same request) and ShowGroup.
 * The Support API has no agent availability (that lives in the omnichannel routing API, which the
 * description does not cover), so "away" here is a suspended or deactivated agent; the `away_agent_ids`
 * setting covers the rest.
 */

/**
 * The requester's most recent solved or closed ticket other than `exceptTicketId` (two results cover it).
 * `status>hold`: statuses compare in the order new, open, pending, hold, solved, closed, and `<` and `>`
 * are the comparison operators the search reference documents.
 */
export async function lastSolvedTicket(
  call: ZendeskCaller,
  requesterIdInput: string,
  exceptTicketIdInput: string,
): Promise<SolvedTicket | null> {
  const requesterId = zendeskId(requesterIdInput, "search_solved_tickets", "requester id");
  const exceptId = zendeskId(exceptTicketIdInput, "search_solved_tickets", "ticket id");
  const page = await call<ZdSearchPage>({
    operation: "search_solved_tickets",
    method: "GET",
    path: ["search"],
    query: {
      query: `type:ticket requester_id:${requesterId} status>hold`,
      sort_by: "updated_at",
      sort_order: "desc",
      per_page: "2",
    },
  });
  const ticket = (page.results ?? []).find(
    (result) => (result.result_type ?? "ticket") === "ticket" && result.id !== exceptId,
  );
  if (!ticket) return null;
  return {
    id: String(ticket.id),
    assigneeId: ticket.assignee_id ? String(ticket.assignee_id) : null,
    solvedAt: ticket.updated_at,
  };
}

interface ShowUserWithGroups {
  user: ZdUser & { active?: boolean | null; suspended?: boolean | null };
  groups?: Array<{ id: number; deleted?: boolean | null }>;
}

/** ShowUser with `include=groups`: name, active/suspended and the groups the agent belongs to. */
export async function agentProfile(call: ZendeskCaller, agentIdInput: string): Promise<AgentProfile> {
  const agentId = zendeskId(agentIdInput, "show_agent", "agent id");
  const { user, groups } = await call<ShowUserWithGroups>({
    operation: "show_agent",
    method: "GET",
    path: ["users", agentId],
    query: { include: "groups" },
  });
  if (user.role !== "agent" && user.role !== "admin")
    throw new HelpdeskError("show_agent", 422, `user ${agentId} is not an agent (role ${user.role ?? "unknown"})`);
  return {
    id: String(agentId),
    name: user.name?.trim() || String(agentId),
    groupIds: (groups ?? []).filter((g) => g.deleted !== true).map((g) => String(g.id)),
    away: user.suspended === true || user.active === false,
  };
}

/** CountSearchResults: the agent's unsolved tickets carrying the escalation tag. */
export async function openEscalationCount(
  call: ZendeskCaller,
  agentIdInput: string,
  escalatedTag: string,
): Promise<number> {
  const agentId = zendeskId(agentIdInput, "count_open_escalations", "agent id");
  if (!/^[^\s"]+$/.test(escalatedTag))
    throw new HelpdeskError("count_open_escalations", 400, "the escalation tag cannot contain spaces or quotes");
  const { count } = await call<{ count?: number | null }>({
    operation: "count_open_escalations",
    method: "GET",
    path: ["search", "count"],
    query: { query: `type:ticket assignee:${agentId} tags:${escalatedTag} status<solved` },
  });
  if (typeof count !== "number" || !Number.isFinite(count))
    throw new HelpdeskError("count_open_escalations", 502, "Zendesk answered the count without a number");
  return count;
}

/** ShowGroup: the group's name, or null when Zendesk does not know the group (404). */
export async function groupName(call: ZendeskCaller, groupIdInput: string): Promise<string | null> {
  const groupId = zendeskId(groupIdInput, "show_group", "group id");
  try {
    const { group } = await call<{ group?: { name?: string | null } | null }>({
      operation: "show_group",
      method: "GET",
      path: ["groups", groupId],
    });
    return group?.name?.trim() || null;
  } catch (error) {
    if (error instanceof HelpdeskError && error.status === 404) return null;
    throw error;
  }
}
