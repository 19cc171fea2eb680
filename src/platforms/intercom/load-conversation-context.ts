import { HelpdeskError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Organization, Piece, Requester, TicketContext, TicketSummary } from "../../domain/ticket.ts";
import type { IntercomApi } from "./intercom-client.ts";
import type { TagIdCache } from "./tag-id-cache.ts";
import { contactId, intercomId } from "./intercom-id.ts";
import {
  mapComments,
  mapConversation,
  mapConversationSummary,
  mapOrganization,
  mapRequester,
  requesterIdOf,
} from "./map-intercom-records.ts";

export interface LoadContextDeps {
  api: IntercomApi;
  logger: Logger;
  now: () => number;
  /** Boolean contact custom attribute that marks a verified customer (see mapRequester). */
  verifiedAttribute: string;
  /** Learns the ids of the conversation's tags, so writing them again needs no lookup (TagIdCache). */
  tagIds?: Pick<TagIdCache, "remember">;
}

const RECENT_DAYS = 30;
const RECENT_LIMIT = 20;

interface ContactPieces {
  requester: Promise<Piece<Requester>>;
  organization: Promise<Piece<Organization>>;
  recent: Promise<Piece<TicketSummary[]>>;
  /** Tag names could not be read: the requester is still present, its tags are not checked. */
  tagsMissing: Promise<boolean>;
}

/**
 * Reads a conversation's context in one parallel wave when the contact is known from the event
 * (conversation, contact, its tags, its companies, its recent conversations). Without a hint the
 * conversation goes first. A hint that is not the conversation's contact is read again for the
 * real one. The conversation is required (failures throw); everything else degrades to `missing`.
 * The organization is the contact's first company (Intercom's closest match to a Zendesk org).
 */
export async function loadConversationContext(
  input: LoadContextDeps,
  conversationIdInput: string,
  hints: { requesterId?: string } = {},
): Promise<TicketContext> {
  // Every read request of this load is counted: the ledger records the helpdesk reads of each decision.
  let reads = 0;
  const counted =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      reads += 1;
      return read(...args);
    };
  const { api } = input;
  const deps: LoadContextDeps = {
    ...input,
    api: {
      ...api,
      findConversation: counted(api.findConversation),
      findContact: counted(api.findContact),
      listContactTags: counted(api.listContactTags),
      listContactCompanies: counted(api.listContactCompanies),
      searchConversations: counted(api.searchConversations),
    },
  };
  const conversationId = intercomId(conversationIdInput, "show_conversation", "conversation id");
  const hint = validContactId(hints.requesterId);
  const early = hint === undefined ? null : readContact(deps, hint, conversationId);

  const raw = await deps.api.findConversation(conversationId);
  for (const tag of raw.tags?.tags ?? []) if (tag.name) input.tagIds?.remember(tag.name, String(tag.id));
  const requesterId = requesterIdOf(raw);
  const pieces =
    requesterId === null
      ? null
      : early !== null && hint === requesterId
        ? early
        : readContact(deps, requesterId, conversationId);
  if (early && early !== pieces) void settle(early);

  const notSet = (detail: string): Promise<Piece<never>> =>
    Promise.resolve({ status: "missing", reason: "not_set", detail });
  const [requester, organization, recentTickets, tagsMissing] = await Promise.all([
    pieces?.requester ?? notSet("the conversation has no contact"),
    pieces?.organization ?? notSet("the conversation has no contact"),
    pieces?.recent ?? notSet("the conversation has no contact"),
    pieces?.tagsMissing ?? false,
  ]);

  const missing: string[] = [];
  if (requester.status === "missing" && requester.reason !== "not_set") missing.push("requester");
  else if (tagsMissing) missing.push("requester_tags");
  if (organization.status === "missing" && organization.reason !== "not_set") missing.push("organization");
  if (recentTickets.status === "missing" && recentTickets.reason !== "not_set") missing.push("recent_tickets");
  const organizationId =
    organization.status === "present" ? organization.value.id : raw.company?.id ? String(raw.company.id) : null;
  return {
    ticket: mapConversation(raw, organizationId),
    comments: mapComments(raw),
    requester,
    organization,
    recentTickets,
    missing,
    reads,
  };
}

function readContact(deps: LoadContextDeps, id: string, conversationId: string): ContactPieces {
  const piece = <T>(name: string, load: () => Promise<T>) => readPiece(deps.logger, name, load);
  const tags = deps.api.listContactTags(id).then(
    (list) => ({ ok: true as const, list }),
    (error: unknown) => {
      deps.logger.warn("contact tags missing", {
        piece: "requester_tags",
        status: error instanceof HelpdeskError ? error.status : undefined,
      });
      return { ok: false as const, list: [] };
    },
  );
  return {
    requester: piece("requester", async () => {
      const [contact, tagList] = await Promise.all([deps.api.findContact(id), tags]);
      return mapRequester(contact, tagList.list, deps.verifiedAttribute);
    }),
    organization: piece("organization", async () => {
      const [first] = await deps.api.listContactCompanies(id);
      if (!first) throw new NotSet("the contact has no company");
      return mapOrganization(first);
    }),
    recent: piece("recent_tickets", () => searchRecent(deps, id, conversationId)),
    tagsMissing: tags.then((t) => !t.ok),
  };
}

/** The contact's other conversations created in the last 30 days, newest first. */
async function searchRecent(deps: LoadContextDeps, id: string, conversationId: string): Promise<TicketSummary[]> {
  const since = Math.floor((deps.now() - RECENT_DAYS * 24 * 60 * 60 * 1000) / 1000);
  const found = await deps.api.searchConversations(
    {
      operator: "AND",
      value: [
        { field: "contact_ids", operator: "=", value: id },
        { field: "created_at", operator: ">", value: since },
      ],
    },
    RECENT_LIMIT,
  );
  return found
    .filter((c) => String(c.id) !== conversationId)
    .sort((a, b) => b.created_at - a.created_at)
    .map(mapConversationSummary);
}

class NotSet extends Error {}

async function readPiece<T>(logger: Logger, name: string, load: () => Promise<T>): Promise<Piece<T>> {
  try {
    return { status: "present", value: await load() };
  } catch (error) {
    if (error instanceof NotSet) return { status: "missing", reason: "not_set", detail: error.message };
    const status = error instanceof HelpdeskError ? error.status : undefined;
    const reason = status === 404 ? "not_found" : status === 401 || status === 403 ? "forbidden" : "error";
    logger.warn("context piece missing", { piece: name, reason, status, error });
    return { status: "missing", reason, detail: error instanceof Error ? error.message : String(error) };
  }
}

function validContactId(value: string | undefined): string | undefined {
  try {
    return value === undefined ? undefined : contactId(value, "show_contact");
  } catch {
    return undefined;
  }
}

/** Reads started for a hint that turned out wrong: wait for them quietly so nothing rejects unhandled. */
async function settle(pieces: ContactPieces): Promise<void> {
  await Promise.allSettled([pieces.requester, pieces.organization, pieces.recent, pieces.tagsMissing]);
}
