import type { LifecycleComment, TicketLifecycle } from "../../domain/ticket-lifecycle.ts";
import type { IntercomApi } from "./intercom-client.ts";
import { detectConfirmation } from "../../triage/detect-confirmation.ts";
import { intercomId } from "./intercom-id.ts";
import type { IcConversation } from "./intercom-records.ts";
import { mapComments, requesterIdOf, unixToIso } from "./map-intercom-records.ts";

export interface ReadConversationLifecycleDeps {
  api: Pick<IntercomApi, "findConversation">;
  assistantId: () => Promise<string>;
}

/**
 * One conversation read (parts included) reduced to ids, authors and times. Closed is solved
 * (`statistics.last_close_at` when present); the 1-5 star rating counts 4-5 as good, 1-2 as bad and
 * 3 as neither.
 */
export async function readConversationLifecycle(
  deps: ReadConversationLifecycleDeps,
  conversationIdInput: string,
): Promise<TicketLifecycle> {
  const conversationId = intercomId(conversationIdInput, "show_conversation", "conversation id");
  const [raw, assistantId] = await Promise.all([deps.api.findConversation(conversationId), deps.assistantId()]);
  const requesterId = requesterIdOf(raw);
  const solved = raw.state?.toLowerCase() === "closed";
  const lastClose = raw.statistics?.last_close_at;
  return {
    ticketId: String(raw.id),
    requesterId,
    status: solved ? "solved" : "open",
    solvedAt: solved ? unixToIso(lastClose ?? raw.updated_at) : null,
    updatedAt: unixToIso(raw.updated_at),
    rating: ratingOf(raw),
    publicComments: mapComments(raw)
      .filter((c) => c.isPublic)
      .map((c): LifecycleComment => {
        const author =
          c.authorId === assistantId
            ? "assistant"
            : c.authorRole === "end-user"
              ? "customer"
              : c.authorRole === "agent"
                ? "human"
                : "other";
        return { id: c.id, author, at: c.createdAt, confirms: author === "customer" && detectConfirmation(c.body) };
      }),
  };
}

function ratingOf(raw: IcConversation): TicketLifecycle["rating"] {
  const stars = raw.conversation_rating?.rating;
  if (typeof stars !== "number") return null;
  const score = stars >= 4 ? "good" : stars <= 2 ? "bad" : null;
  if (score === null) return null;
  return { score, at: unixToIso(raw.conversation_rating?.created_at ?? raw.updated_at) };
}
