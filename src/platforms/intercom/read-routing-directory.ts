import { HelpdeskError } from "../../lib/errors.ts";
import type { AgentProfile, SolvedTicket } from "../../domain/routing.ts";
import type { IntercomApi } from "./intercom-client.ts";
import { contactId, intercomId } from "./intercom-id.ts";
import type { TagIdCache } from "./tag-id-cache.ts";

/*
 * The reads escalation routing makes on Intercom (API 2.16): conversations search (searchConversations:
 * no sort, so the newest closed conversation is picked from one page by `updated_at`), the admin
 * (retrieveAdmin: `away_mode_enabled`, `team_ids`), the team (retrieveTeam) and the workspace's tags
 * (listTags, to find the escalation tag's id without creating it).
 */

/** One page of the contact's closed conversations is plenty: the newest is all routing needs. */
const CLOSED_PAGE = 50;

export async function lastSolvedTicket(
  api: IntercomApi,
  requesterIdInput: string,
  exceptConversationId: string,
): Promise<SolvedTicket | null> {
  const requester = contactId(requesterIdInput, "search_solved_conversations");
  const found = await api.searchConversations(
    {
      operator: "AND",
      value: [
        { field: "contact_ids", operator: "=", value: requester },
        { field: "state", operator: "=", value: "closed" },
      ],
    },
    CLOSED_PAGE,
  );
  const newest = found
    .filter((c) => String(c.id) !== exceptConversationId)
    .sort((a, b) => b.updated_at - a.updated_at)[0];
  if (!newest) return null;
  const assignee = newest.admin_assignee_id;
  return {
    id: String(newest.id),
    assigneeId: assignee === null || assignee === undefined || String(assignee) === "0" ? null : String(assignee),
    solvedAt: new Date(newest.updated_at * 1000).toISOString(),
  };
}

export async function agentProfile(api: IntercomApi, adminIdInput: string): Promise<AgentProfile> {
  const adminId = intercomId(adminIdInput, "show_admin", "admin id");
  const admin = await api.findAdmin(adminId);
  return {
    id: adminId,
    name: admin.name?.trim() || adminId,
    groupIds: (admin.team_ids ?? []).map(String),
    away: admin.away_mode_enabled === true,
  };
}

/**
 * Open conversations assigned to the admin that carry the escalation tag. A tag the workspace does not
 * have yet tags nothing: zero, without creating it.
 */
export async function openEscalationCount(
  deps: { api: IntercomApi; tagIds: TagIdCache },
  adminIdInput: string,
  escalatedTag: string,
): Promise<number> {
  const adminId = intercomId(adminIdInput, "count_open_escalations", "admin id");
  const tagId = await escalationTagId(deps, escalatedTag);
  if (tagId === null) return 0;
  return deps.api.countConversations({
    operator: "AND",
    value: [
      { field: "admin_assignee_id", operator: "=", value: Number(adminId) },
      { field: "open", operator: "=", value: true },
      { field: "tag_ids", operator: "=", value: tagId },
    ],
  });
}

async function escalationTagId(deps: { api: IntercomApi; tagIds: TagIdCache }, name: string): Promise<string | null> {
  const known = deps.tagIds.known(name);
  if (known !== undefined) return known;
  const tag = (await deps.api.listTags()).find((t) => (t.name ?? "").toLowerCase() === name.toLowerCase());
  if (!tag) return null;
  deps.tagIds.remember(name, String(tag.id));
  return String(tag.id);
}

/** The team's name, or null when Intercom does not know the team (404). */
export async function groupName(api: IntercomApi, teamIdInput: string): Promise<string | null> {
  const teamId = intercomId(teamIdInput, "show_team", "team id");
  try {
    return (await api.findTeam(teamId)).name?.trim() || null;
  } catch (error) {
    if (error instanceof HelpdeskError && error.status === 404) return null;
    throw error;
  }
}
