import type { Logger } from "../../lib/logger.ts";
import type { HelpdeskRating, LifecycleComment, TicketLifecycle } from "../../domain/ticket-lifecycle.ts";
import type { AuthorRole } from "../../domain/ticket.ts";
import { detectConfirmation } from "../../triage/detect-confirmation.ts";
import { listComments, type ZendeskCaller } from "./load-ticket-context.ts";
import { zendeskId } from "./zendesk-id.ts";
import type { ZdSatisfactionRatingsPage, ZdTicket } from "./zendesk-records.ts";

export interface ReadLifecycleDeps {
  call: ZendeskCaller;
  logger: Logger;
  now: () => number;
  assistantId: () => Promise<string>;
}

/**
 * Comment pages (100 newest each) the reconciliation reads per ticket. Two pages reach 200 comments
 * back: the tickets it checks were decided on within days, so older comments do not matter.
 */
const COMMENT_PAGES = 2;

/** ShowTicket and ListTicketComments (with the authors' roles), reduced to ids, authors and times. */
export async function readTicketLifecycle(deps: ReadLifecycleDeps, ticketIdInput: string): Promise<TicketLifecycle> {
  const ticketId = zendeskId(ticketIdInput, "show_ticket", "ticket id");
  const [{ ticket }, comments, assistantId] = await Promise.all([
    deps.call<{ ticket: ZdTicket }>({ operation: "show_ticket", method: "GET", path: ["tickets", ticketId] }),
    listComments({ ...deps, maxCommentPages: COMMENT_PAGES }, ticketId),
    deps.assistantId(),
  ]);
  const requesterId = String(ticket.requester_id);
  const status = ticket.status?.toLowerCase();
  const solved = status === "solved" || status === "closed";
  const score = ticket.satisfaction_rating?.score;
  return {
    ticketId: String(ticket.id),
    requesterId,
    status: solved ? "solved" : "open",
    solvedAt: solved ? ticket.updated_at : null,
    updatedAt: ticket.updated_at,
    // The ticket's rating has no time of its own; the ticket's last update is the closest one.
    rating: score === "good" || score === "bad" ? { score, at: ticket.updated_at } : null,
    publicComments: comments
      .filter((c) => c.isPublic)
      .map((c): LifecycleComment => {
        const author = authorKind(c.authorId, c.authorRole, requesterId, assistantId);
        return { id: c.id, author, at: c.createdAt, confirms: author === "customer" && detectConfirmation(c.body) };
      }),
  };
}

function authorKind(
  authorId: string,
  role: AuthorRole,
  requesterId: string,
  assistantId: string,
): LifecycleComment["author"] {
  if (authorId === assistantId) return "assistant";
  if (authorId === requesterId) return "customer";
  return role === "agent" || role === "admin" ? "human" : "other";
}

/**
 * ListSatisfactionRatings with `score=received` (good and bad, not offered) between two instants,
 * cursor pages of 100, at most `maxPages`.
 */
export async function listSatisfactionRatings(
  deps: Pick<ReadLifecycleDeps, "call" | "logger">,
  from: string,
  to: string,
  maxPages: number,
): Promise<HelpdeskRating[]> {
  const ratings: HelpdeskRating[] = [];
  let query: Record<string, string> = {
    score: "received",
    start_time: String(Math.floor(Date.parse(from) / 1000)),
    end_time: String(Math.floor(Date.parse(to) / 1000)),
    "page[size]": "100",
  };
  for (let page = 1; page <= maxPages; page++) {
    const body = await deps.call<ZdSatisfactionRatingsPage>({
      operation: "list_satisfaction_ratings",
      method: "GET",
      path: ["satisfaction_ratings"],
      query,
    });
    for (const r of body.satisfaction_ratings ?? []) {
      const at = r.updated_at ?? r.created_at;
      if ((r.score !== "good" && r.score !== "bad") || !r.ticket_id || !at) continue;
      ratings.push({
        ticketId: String(r.ticket_id),
        requesterId: r.requester_id ? String(r.requester_id) : null,
        score: r.score,
        at,
      });
    }
    const after = body.meta?.has_more ? body.meta.after_cursor : null;
    if (!after) break;
    if (page === maxPages) deps.logger.warn("more satisfaction ratings than read this run", { pages: page });
    query = { ...query, "page[after]": after };
  }
  return ratings;
}
