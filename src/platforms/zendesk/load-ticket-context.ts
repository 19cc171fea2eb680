import { HelpdeskError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { AuthorRole, Comment, Piece, TicketContext } from "../../domain/ticket.ts";
import {
  mapComment,
  mapOrganization,
  mapRequester,
  mapRole,
  mapTicket,
  mapTicketSummary,
} from "./map-zendesk-records.ts";
import type { ZendeskCall } from "./zendesk-client.ts";
import { optionalZendeskId, zendeskId } from "./zendesk-id.ts";
import type { ZdCommentsPage, ZdOrganization, ZdSearchPage, ZdTicket, ZdUser } from "./zendesk-records.ts";

export type ZendeskCaller = <T>(call: ZendeskCall) => Promise<T>;

export interface LoadContextDeps {
  call: ZendeskCaller;
  logger: Logger;
  now: () => number;
  /** Comment pages (100 each, newest first) read at most; older comments beyond them are left out. */
  maxCommentPages?: number;
}

const RECENT_DAYS = 30;

/**
 * Reads a ticket's context in one parallel wave: the ticket with its requester and organization
 * side-loaded (`include=users,organizations`), its comments, and the requester's recent tickets when the
 * event names the requester. Three reads per message; without the hint (or when it disagrees with the
 * ticket) the recent-tickets search follows the ticket read. A requester or organization missing from
 * the side-load is read on its own. The ticket and its comments are required (failures throw);
 * requester, organization and recent tickets degrade to `missing` pieces. `missing` names the pieces
 * that could not be read; an organization the ticket does not have is `not_set` but not listed there.
 */
export async function loadTicketContext(
  input: LoadContextDeps,
  ticketIdInput: string,
  hints: { requesterId?: string; organizationId?: string } = {},
): Promise<TicketContext> {
  // Every request of this load is counted: the ledger records the helpdesk reads of each decision.
  let reads = 0;
  const deps: LoadContextDeps = {
    ...input,
    call: <T>(call: ZendeskCall) => {
      reads += 1;
      return input.call<T>(call);
    },
  };
  const ticketId = zendeskId(ticketIdInput, "show_ticket", "ticket id");
  const piece = <T>(name: string, load: () => Promise<T>) => readPiece(deps.logger, name, load);
  const recent = (id: number) => piece("recent_tickets", () => searchRecentTickets(deps, id, ticketId));

  const requesterHint = optionalZendeskId(hints.requesterId);
  const earlyRecent = requesterHint === undefined ? null : recent(requesterHint);
  const [ticketRead, commentsRead] = await Promise.allSettled([
    deps.call<ZdTicketWithSideloads>(get("show_ticket", ["tickets", ticketId], { include: "users,organizations" })),
    listComments(deps, ticketId),
  ]);
  if (ticketRead.status === "rejected") throw ticketRead.reason;
  if (commentsRead.status === "rejected") throw commentsRead.reason;
  const raw = ticketRead.value.ticket;
  const ticket = mapTicket(raw);

  const requesterId = raw.requester_id;
  const organizationId = raw.organization_id ?? null;
  const sideloadedUser = ticketRead.value.users?.find((user) => user.id === requesterId);
  const sideloadedOrganization = ticketRead.value.organizations?.find((org) => org.id === organizationId);
  const [requesterPiece, organizationPiece, recentPiece] = await Promise.all([
    piece("requester", async () =>
      mapRequester(
        sideloadedUser ?? (await deps.call<{ user: ZdUser }>(get("show_user", ["users", requesterId]))).user,
      ),
    ),
    organizationId === null
      ? Promise.resolve<Piece<never>>({
          status: "missing",
          reason: "not_set",
          detail: "the ticket has no organization",
        })
      : piece("organization", async () =>
          mapOrganization(
            sideloadedOrganization ??
              (
                await deps.call<{ organization: ZdOrganization }>(
                  get("show_organization", ["organizations", organizationId]),
                )
              ).organization,
          ),
        ),
    earlyRecent !== null && requesterHint === requesterId ? earlyRecent : recent(requesterId),
  ]);

  const missing: string[] = [];
  if (requesterPiece.status === "missing") missing.push("requester");
  if (organizationPiece.status === "missing" && organizationPiece.reason !== "not_set") missing.push("organization");
  if (recentPiece.status === "missing") missing.push("recent_tickets");
  return {
    ticket,
    comments: commentsRead.value,
    requester: requesterPiece,
    organization: organizationPiece,
    recentTickets: recentPiece,
    missing,
    reads,
  };
}

/** ShowTicket with `include=users,organizations`: the side-loaded records beside the ticket. */
interface ZdTicketWithSideloads {
  ticket: ZdTicket;
  users?: ZdUser[];
  organizations?: ZdOrganization[];
}

/**
 * ListTicketComments with `include=users` (the sideloaded users carry each author's role), cursor
 * pagination newest first so a page cap drops the oldest comments, not the customer's latest message.
 */
export async function listComments(deps: LoadContextDeps, ticketId: number): Promise<Comment[]> {
  const maxPages = deps.maxCommentPages ?? 3;
  const roles = new Map<number, AuthorRole>();
  const raw: NonNullable<ZdCommentsPage["comments"]> = [];
  let query: Record<string, string> = { include: "users", "page[size]": "100", sort: "-created_at" };
  for (let page = 1; ; page++) {
    const body = await deps.call<ZdCommentsPage>(get("list_comments", ["tickets", ticketId, "comments"], query));
    raw.push(...(body.comments ?? []));
    for (const user of body.users ?? []) if (user.id !== null) roles.set(user.id, mapRole(user.role));
    const after = body.meta?.has_more ? (body.meta.after_cursor ?? cursorFrom(body.links?.next)) : null;
    if (!after) break;
    if (page >= maxPages) {
      deps.logger.warn("ticket has more comments than read; oldest left out", {
        ticket_id: ticketId,
        comments_read: raw.length,
      });
      break;
    }
    query = { ...query, "page[after]": after };
  }
  raw.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  return raw.map((comment) => mapComment(comment, roles));
}

/** The requester's other tickets from the last 30 days (Search lags new tickets by minutes: PLATFORM.md). */
async function searchRecentTickets(deps: LoadContextDeps, requesterId: number, ticketId: number) {
  const since = new Date(deps.now() - RECENT_DAYS * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const body = await deps.call<ZdSearchPage>(
    get("search_recent_tickets", ["search"], {
      query: `type:ticket requester_id:${requesterId} created>${since}`,
      sort_by: "created_at",
      sort_order: "desc",
    }),
  );
  return (body.results ?? [])
    .filter((result) => (result.result_type ?? "ticket") === "ticket" && result.id !== ticketId)
    .map(mapTicketSummary);
}

async function readPiece<T>(logger: Logger, name: string, load: () => Promise<T>): Promise<Piece<T>> {
  try {
    return { status: "present", value: await load() };
  } catch (error) {
    const status = error instanceof HelpdeskError ? error.status : undefined;
    const reason = status === 404 ? "not_found" : status === 401 || status === 403 ? "forbidden" : "error";
    logger.warn("context piece missing", { piece: name, reason, status, error });
    return { status: "missing", reason, detail: error instanceof Error ? error.message : String(error) };
  }
}

function get(operation: string, path: Array<string | number>, query?: Record<string, string>): ZendeskCall {
  return { operation, method: "GET", path, ...(query ? { query } : {}) };
}

/** The `page[after]` cursor of a `links.next` URL; read from the query so a proxy's host does not matter. */
function cursorFrom(next: string | null | undefined): string | null {
  if (!next) return null;
  try {
    return new URL(next).searchParams.get("page[after]");
  } catch {
    return null;
  }
}
