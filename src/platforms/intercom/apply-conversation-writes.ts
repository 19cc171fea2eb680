import { HelpdeskError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TicketStatus } from "../../domain/ticket.ts";
import type { TicketWrites } from "../../domain/plan.ts";
import type { ApplyOptions, ApplyResult } from "../../ports/helpdesk.ts";
import { CLOCK_SKEW_MS, sameCommentText } from "../../lib/same-comment-text.ts";
import type { IcAdminReply, IcManageAction, IntercomApi } from "./intercom-client.ts";
import { intercomId } from "./intercom-id.ts";
import type { TagIdCache } from "./tag-id-cache.ts";

export interface ApplyDeps {
  api: IntercomApi;
  /** The assistant's admin id: Intercom requires `admin_id` on every write. */
  assistantId: () => Promise<string>;
  tagIds: TagIdCache;
  logger: Logger;
  now: () => number;
}

/** How far back a part counts as "our lost attempt" when a reply failed ambiguously (clock skew included). */
const LANDED_WINDOW_S = 60;

/**
 * Carries out the writes in one parallel wave where nothing depends on another write: the note then
 * the public reply, the team then the admin assignment, and the tags (one request per tag); then the
 * state change. Intercom has no combined update and no safe-update stamp, so each is its own request
 * and `conflictsRetried` stays 0. Mapping and platform gaps:
 * - group -> assign the conversation to that team (`type: team`); the admin assignee is kept.
 * - assignee -> then assign it to that admin (`type: admin`), which keeps the team: the same
 *   assignment request, so a retried job assigns the same admin again and nothing changes.
 * - status (the reply's status when there is a reply, as in Zendesk): solved/closed -> close,
 *   open/new -> open; pending and hold leave the state as is: Intercom has no "pending", and
 *   snoozing needs a wake-up time and hides the conversation until then.
 * - priority cannot be written on API 2.16 (the update request has no priority; setting it is
 *   documented for the Preview version only: intercom/Intercom-OpenAPI#620). It is logged and
 *   left; the handoff note carries the urgency.
 * - tags go by id (resolved once per name, see TagIdCache); removal reads the conversation's tags
 *   first and only untags those it has.
 */
export async function applyConversationWrites(
  deps: ApplyDeps,
  conversationIdInput: string,
  writes: TicketWrites,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const conversationId = intercomId(conversationIdInput, "update_conversation", "conversation id");
  const removeTags = cleanTags(writes.removeTags);
  // Adds and removals run in parallel: a tag in both lists ends removed, as when they ran in turn.
  const removed = new Set(removeTags.map((tag) => tag.toLowerCase()));
  const addTags = cleanTags(writes.addTags).filter((tag) => !removed.has(tag.toLowerCase()));
  const stateAction = stateActionFor(writes.publicReply?.status ?? writes.status);
  const result: ApplyResult = { writes: 0, conflictsRetried: 0 };
  const done: string[] = [];
  const wrote = (operation: string) => {
    result.writes += 1;
    done.push(operation);
  };
  if (writes.priority !== undefined) {
    deps.logger.warn("intercom priority not written: API 2.16 cannot set it", {
      conversation_id: conversationId,
      priority: writes.priority,
    });
  }
  if (
    !writes.internalNote &&
    !writes.publicReply &&
    writes.groupId === undefined &&
    writes.assigneeId === undefined &&
    !stateAction &&
    !addTags.length &&
    !removeTags.length
  ) {
    return result;
  }

  const adminId = intercomId(await deps.assistantId(), "update_conversation", "assistant admin id");
  const resumeSinceS =
    options.resumeSince === undefined
      ? undefined
      : Math.floor((Date.parse(options.resumeSince) - CLOCK_SKEW_MS) / 1000);
  // The note and the reply, in that order (each sent once: sendReply).
  const replies = async () => {
    if (writes.internalNote) {
      const note: IcAdminReply = { message_type: "note", admin_id: adminId, body: writes.internalNote.htmlBody };
      if (await sendReply(deps, conversationId, note, resumeSinceS)) wrote("add_internal_note");
    }
    if (writes.publicReply) {
      const comment: IcAdminReply = { message_type: "comment", admin_id: adminId, body: writes.publicReply.body };
      if (await sendReply(deps, conversationId, comment, resumeSinceS)) wrote("public_reply");
    }
  };
  const assign = async (type: "team" | "admin", id: string, step: "assign_conversation" | "assign_admin") => {
    const assigneeId = intercomId(id, "assign_conversation", type === "team" ? "team id" : "admin id");
    await deps.api.manage(conversationId, {
      message_type: "assignment",
      type,
      admin_id: adminId,
      assignee_id: assigneeId,
    });
    wrote(step);
  };
  // The team, then the admin: assigning the admin keeps the team only when the team came first.
  const assignments = async () => {
    if (writes.groupId !== undefined) await assign("team", writes.groupId, "assign_conversation");
    if (writes.assigneeId !== undefined) await assign("admin", writes.assigneeId, "assign_admin");
  };
  // Intercom tags one tag per request: the calls run side by side, adds beside the removals' read.
  const tags = () =>
    settleAll([
      ...addTags.map(async (name) => {
        const tagId = await deps.tagIds.resolve(name, (n) => {
          result.writes += 1; // POST /tags may create the tag: a write too
          return deps.api.createTag(n);
        });
        await deps.api.tagConversation(conversationId, tagId, adminId).catch((error: unknown) => {
          // A 404 for a cached id: the tag may have been deleted in Intercom. Look it up again next time.
          if (error instanceof HelpdeskError && error.status === 404) deps.tagIds.forget(name);
          throw error;
        });
        wrote("add_tag");
      }),
      removeTags.length ? untagAll(deps, conversationId, removeTags, adminId, wrote) : Promise.resolve(),
    ]);
  // None of the three waits for another, so they share one wave. The state change comes last, once the
  // note or reply exists: a conversation is never closed before what explains it is on it.
  await settleAll([replies(), assignments(), tags()]);
  if (stateAction) {
    const action: IcManageAction =
      stateAction === "close"
        ? { message_type: "close", type: "admin", admin_id: adminId }
        : { message_type: "open", admin_id: adminId };
    await deps.api.manage(conversationId, action);
    wrote(`${stateAction}_conversation`);
  }
  if (result.writes)
    deps.logger.info("intercom conversation written", { conversation_id: conversationId, ...result, operations: done });
  return result;
}

/**
 * Waits for every write started together, then fails with the first failure: no request of this apply
 * is still in flight when it returns or throws (the caller records the step, or the job retries it, and
 * every write here is safe to repeat: replies are looked for first, assignments and tags are idempotent).
 */
async function settleAll(writes: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(writes);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
}

/** Remove the named tags the conversation has (one read, then the untag calls in parallel). */
async function untagAll(
  deps: ApplyDeps,
  conversationId: string,
  removeTags: string[],
  adminId: string,
  wrote: (operation: string) => void,
): Promise<void> {
  const current = await deps.api.findConversation(conversationId);
  const onConversation = new Map(
    (current.tags?.tags ?? []).map((t) => [(t.name ?? "").toLowerCase(), String(t.id)] as const),
  );
  await Promise.all(
    removeTags.map(async (name) => {
      const tagId = onConversation.get(name.toLowerCase());
      if (tagId === undefined) return;
      deps.tagIds.remember(name, tagId);
      await deps.api.untagConversation(conversationId, tagId, adminId);
      wrote("remove_tag");
    }),
  );
}

/**
 * Post a reply or note once. A reply that failed with a 5xx or a network error may have been posted
 * anyway; posting it again would show the customer the same message twice, so look for it first, then
 * send once more. With `resumeSinceS` (an earlier attempt of this job stopped at an unknown point) the
 * look comes first. False when it had landed and nothing was sent.
 */
async function sendReply(
  deps: ApplyDeps,
  conversationId: string,
  reply: IcAdminReply,
  resumeSinceS?: number,
): Promise<boolean> {
  if (
    resumeSinceS !== undefined &&
    (await replyLanded(deps, conversationId, reply, resumeSinceS, { matchText: true }))
  ) {
    deps.logger.warn("intercom reply had landed before the job stopped; not sending it again", {
      conversation_id: conversationId,
      message_type: reply.message_type,
    });
    return false;
  }
  const startedS = Math.floor(deps.now() / 1000);
  try {
    await deps.api.reply(conversationId, reply);
    return true;
  } catch (error) {
    if (!(error instanceof HelpdeskError) || !error.retryable || error.status === 429) throw error;
    deps.logger.warn("intercom reply failed without a clear answer; checking whether it landed", {
      conversation_id: conversationId,
      message_type: reply.message_type,
      status: error.status,
    });
  }
  if (await replyLanded(deps, conversationId, reply, startedS - LANDED_WINDOW_S, { matchText: false })) {
    deps.logger.warn("intercom reply had landed; not sending it again", {
      conversation_id: conversationId,
      message_type: reply.message_type,
    });
    return true;
  }
  await deps.api.reply(conversationId, reply);
  return true;
}

/**
 * A part of the same type by the assistant since `sinceS`. Comments come back as the plain text we
 * sent; notes are HTML converted by Intercom, so right after our own failed request only their
 * presence is checked, while a resumed job (whose previous note may be older) also compares the text.
 */
async function replyLanded(
  deps: ApplyDeps,
  conversationId: string,
  reply: IcAdminReply,
  sinceS: number,
  { matchText }: { matchText: boolean },
): Promise<boolean> {
  const current = await deps.api.findConversation(conversationId);
  return (current.conversation_parts?.conversation_parts ?? []).some(
    (part) =>
      part.part_type === reply.message_type &&
      part.author?.type === "admin" &&
      String(part.author.id) === reply.admin_id &&
      part.created_at >= sinceS &&
      (reply.message_type === "note"
        ? !matchText || sameCommentText(reply.body, part.body)
        : (part.body ?? "").trim() === reply.body.trim() || sameCommentText(reply.body, part.body)),
  );
}

function stateActionFor(status: TicketStatus | undefined): "close" | "open" | null {
  if (status === "solved" || status === "closed") return "close";
  if (status === "open" || status === "new") return "open";
  return null;
}

/** Trimmed, without empties and case-insensitive duplicates (Intercom tag names ignore case). */
function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags
    .map((tag) => tag.trim())
    .filter((tag) => tag && !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
}
