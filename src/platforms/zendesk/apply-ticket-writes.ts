import { HelpdeskError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TicketWrites } from "../../domain/plan.ts";
import type { ApplyOptions, ApplyResult } from "../../ports/helpdesk.ts";
import { CLOCK_SKEW_MS, sameCommentText } from "../../lib/same-comment-text.ts";
import type { ZendeskCaller } from "./load-ticket-context.ts";
import { zendeskId } from "./zendesk-id.ts";
import type { ZdComment, ZdCommentsPage, ZdTicket } from "./zendesk-records.ts";

export interface ApplyDeps {
  call: ZendeskCaller;
  /** The assistant's user id, shown as the author of public replies. */
  assistantId: () => Promise<string>;
  logger: Logger;
}

type TicketUpdate = { operation: string; fields: Record<string, unknown> };

/**
 * Carries out the writes in as few requests as Zendesk allows: one ticket update per comment, with the
 * field changes and the tags riding on the first one (`additional_tags` / `remove_tags` change only the
 * tags they name; `ticket.tags` would replace the whole list). Two updates only when there is both an
 * internal note and a public reply (an update holds one comment). Every update is a safe update stamped
 * with the version the caller read (`options.updatedStamp`, else one GET): on 409 the ticket is re-read
 * and the update retried once. Tags alone without a known version use PUT/DELETE /tickets/{id}/tags
 * instead (no stamp needed, so no read); POST .../tags would replace the list.
 */
export async function applyTicketWrites(
  deps: ApplyDeps,
  ticketIdInput: string,
  writes: TicketWrites,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const ticketId = zendeskId(ticketIdInput, "update_ticket", "ticket id");
  const { updates, tags } = await planUpdates(deps, writes, options.updatedStamp);
  const result: ApplyResult = { writes: 0, conflictsRetried: 0 };
  let stamp: string | null = options.updatedStamp ?? null;
  for (const update of updates) {
    if (options.resumeSince !== undefined && (await sentBefore(deps, ticketId, update, options.resumeSince))) {
      // One update carries the comment, its field changes and tags together: it landed whole.
      deps.logger.warn("zendesk update had landed before the job stopped; not sending it again", {
        ticket_id: ticketId,
        operation: update.operation,
      });
      continue;
    }
    stamp ??= await readStamp(deps, ticketId);
    const done = await safeUpdate(deps, ticketId, update, stamp);
    stamp = done.updatedAt;
    result.writes += 1;
    result.conflictsRetried += done.conflictsRetried;
  }
  if (stamp !== null && result.writes) result.updatedStamp = stamp;
  if (tags.addTags.length) {
    await deps.call({
      operation: "add_tags",
      method: "PUT",
      path: ["tickets", ticketId, "tags"],
      body: { tags: tags.addTags },
    });
    result.writes += 1;
  }
  if (tags.removeTags.length) {
    await deps.call({
      operation: "remove_tags",
      method: "DELETE",
      path: ["tickets", ticketId, "tags"],
      body: { tags: tags.removeTags },
    });
    result.writes += 1;
  }
  if (result.writes)
    deps.logger.info("zendesk ticket written", {
      ticket_id: ticketId,
      writes: result.writes,
      conflicts_retried: result.conflictsRetried,
      updates: updates.map((u) => u.operation),
    });
  return result;
}

async function planUpdates(
  deps: ApplyDeps,
  writes: TicketWrites,
  updatedStamp: string | undefined,
): Promise<{ updates: TicketUpdate[]; tags: { addTags: string[]; removeTags: string[] } }> {
  const fieldChanges: Record<string, unknown> = {
    ...(writes.groupId !== undefined ? { group_id: zendeskId(writes.groupId, "update_ticket", "group id") } : {}),
    // With the group in the same update: Zendesk checks the assignee against the ticket's new group.
    ...(writes.assigneeId !== undefined
      ? { assignee_id: zendeskId(writes.assigneeId, "update_ticket", "assignee id") }
      : {}),
    ...(writes.priority !== undefined ? { priority: writes.priority } : {}),
    ...(writes.status !== undefined ? { status: writes.status } : {}),
  };
  const removeTags = cleanTags(writes.removeTags);
  // One update applies both lists: a tag in both ends removed, as when the tag calls ran in turn.
  const addTags = cleanTags(writes.addTags).filter((tag) => !removeTags.includes(tag));
  const tagChanges = {
    ...(addTags.length ? { additional_tags: addTags } : {}),
    ...(removeTags.length ? { remove_tags: removeTags } : {}),
  };
  // Tags alone, with no version at hand, go to the tag endpoints: they need no stamp, so no read.
  const tagsOnly = !writes.internalNote && !writes.publicReply && Object.keys(fieldChanges).length === 0;
  if (tagsOnly && updatedStamp === undefined) return { updates: [], tags: { addTags, removeTags } };
  Object.assign(fieldChanges, tagChanges);
  const updates: TicketUpdate[] = [];
  if (writes.internalNote) {
    // `public` is always explicit: otherwise the value from ticket creation carries over (PLATFORM.md).
    updates.push({
      operation: "add_internal_note",
      fields: { comment: { html_body: writes.internalNote.htmlBody, public: false }, ...fieldChanges },
    });
  }
  if (writes.publicReply) {
    const authorId = zendeskId(await deps.assistantId(), "public_reply", "assistant user id");
    updates.push({
      operation: "public_reply",
      fields: {
        ...(writes.internalNote ? {} : fieldChanges),
        comment: { body: writes.publicReply.body, public: true, author_id: authorId },
        status: writes.publicReply.status,
      },
    });
  }
  if (updates.length === 0 && Object.keys(fieldChanges).length)
    updates.push({ operation: "update_ticket", fields: fieldChanges });
  return { updates, tags: { addTags: [], removeTags: [] } };
}

async function safeUpdate(
  deps: ApplyDeps,
  ticketId: number,
  update: TicketUpdate,
  stamp: string,
): Promise<{ updatedAt: string | null; conflictsRetried: number }> {
  const send = (updatedStamp: string) =>
    deps.call<{ ticket?: ZdTicket }>({
      operation: update.operation,
      method: "PUT",
      path: ["tickets", ticketId],
      body: { ticket: { ...update.fields, safe_update: true, updated_stamp: updatedStamp } },
    });
  try {
    return { updatedAt: (await send(stamp)).ticket?.updated_at ?? null, conflictsRetried: 0 };
  } catch (error) {
    if (!(error instanceof HelpdeskError) || error.status !== 409) throw error;
    deps.logger.warn("zendesk safe update conflict; re-reading the ticket", {
      ticket_id: ticketId,
      operation: update.operation,
    });
  }
  const [freshStamp, landed] = await Promise.all([
    readStamp(deps, ticketId),
    commentAlreadyWritten(deps, ticketId, update, stamp),
  ]);
  if (landed) {
    deps.logger.warn("zendesk update had landed before the conflict; not sending it again", {
      ticket_id: ticketId,
      operation: update.operation,
    });
    return { updatedAt: freshStamp, conflictsRetried: 1 };
  }
  try {
    return { updatedAt: (await send(freshStamp)).ticket?.updated_at ?? null, conflictsRetried: 1 };
  } catch (error) {
    if (!(error instanceof HelpdeskError) || error.status !== 409) throw error;
    throw new HelpdeskError(
      update.operation,
      409,
      `ticket ${ticketId} kept changing during the update; gave up after one retry`,
      {
        cause: error,
      },
    );
  }
}

/**
 * A 409 can also mean our own earlier attempt landed and only its answer was lost (a retried 5xx or
 * network error): the stamp then no longer matches because of our comment. Re-sending would post the
 * comment twice, so look for a comment of the same visibility by the assistant since `stamp`.
 */
async function commentAlreadyWritten(
  deps: ApplyDeps,
  ticketId: number,
  update: TicketUpdate,
  stamp: string,
): Promise<boolean> {
  const comment = update.fields.comment as { public: boolean } | undefined;
  if (!comment) return false; // field changes alone are safe to send again
  const since = Date.parse(stamp);
  return (await recentAssistantComments(deps, ticketId)).some(
    (c) => c.public === comment.public && Date.parse(c.created_at) >= since,
  );
}

/**
 * After the job stopped between sending an update and recording it: did the same comment land since
 * the attempt began? Matched on text too, so the previous job's comment is never taken for this one.
 */
async function sentBefore(
  deps: ApplyDeps,
  ticketId: number,
  update: TicketUpdate,
  resumeSince: string,
): Promise<boolean> {
  const comment = update.fields.comment as { public: boolean; body?: string; html_body?: string } | undefined;
  if (!comment) return false;
  const since = Date.parse(resumeSince) - CLOCK_SKEW_MS;
  const sent = comment.html_body ?? comment.body ?? "";
  return (await recentAssistantComments(deps, ticketId)).some(
    (c) =>
      c.public === comment.public && Date.parse(c.created_at) >= since && sameCommentText(sent, c.body ?? c.plain_body),
  );
}

async function recentAssistantComments(deps: ApplyDeps, ticketId: number): Promise<ZdComment[]> {
  const [assistantId, page] = await Promise.all([
    deps.assistantId(),
    deps.call<ZdCommentsPage>({
      operation: "list_comments",
      method: "GET",
      path: ["tickets", ticketId, "comments"],
      query: { "page[size]": "10", sort: "-created_at" },
    }),
  ]);
  return (page.comments ?? []).filter((c) => String(c.author_id) === assistantId);
}

async function readStamp(deps: ApplyDeps, ticketId: number): Promise<string> {
  const { ticket } = await deps.call<{ ticket: ZdTicket }>({
    operation: "show_ticket",
    method: "GET",
    path: ["tickets", ticketId],
  });
  return ticket.updated_at;
}

function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}
