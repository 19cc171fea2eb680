/**
 * What routing reads from the helpdesk to choose who takes an escalation: the requester's most recent
 * solved ticket (and who solved it) and that agent's groups, away status and open escalations.
 */

/** The requester's most recent solved (or closed) ticket other than the one being handled. */
export interface SolvedTicket {
  id: string;
  /** Its assignee when it was solved: the agent who solved it. Null when it was unassigned. */
  assigneeId: string | null;
  /** When it was last updated (ISO-8601): close enough to when it was solved for "last week". */
  solvedAt: string;
}

/** One agent as routing sees them (Zendesk user, Intercom admin). */
export interface AgentProfile {
  id: string;
  name: string;
  /** Groups (Zendesk) or teams (Intercom) the agent belongs to. */
  groupIds: string[];
  /** Away in the helpdesk (Intercom away mode; Zendesk: suspended or deactivated). */
  away: boolean;
}
