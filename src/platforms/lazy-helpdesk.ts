import { ConfigError } from "../lib/errors.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Platform } from "../domain/support-event.ts";

/**
 * Defer building a helpdesk client until an event needs it, and turn configuration errors into
 * retryable ones: events then wait in the queue until the admin fixes the settings.
 */
export function lazyHelpdesk(platform: Platform, get: () => Helpdesk): Helpdesk {
  return {
    platform,
    whoAmI: () => withConfig(() => get().whoAmI()),
    ticketUrl: (id) => get().ticketUrl(id),
    renderHandoffNote: (handoff) => get().renderHandoffNote(handoff),
    getTicketContext: (id, hints) => withConfig(() => get().getTicketContext(id, hints)),
    apply: (id, writes, options) => withConfig(() => get().apply(id, writes, options)),
    ticketLifecycle: (id) => withConfig(() => get().ticketLifecycle(id)),
    ratingsBetween: (from, to, maxPages) => withConfig(() => get().ratingsBetween(from, to, maxPages)),
    publicCommentText: (id, commentId) => withConfig(() => get().publicCommentText(id, commentId)),
    businessHours: () => withConfig(() => get().businessHours()),
    fetchAttachment: (attachment, limits) => withConfig(() => get().fetchAttachment(attachment, limits)),
    get writesPriority() {
      return get().writesPriority !== false;
    },
    lastSolvedTicket: (requesterId, exceptId) => withConfig(() => get().lastSolvedTicket(requesterId, exceptId)),
    agentProfile: (agentId) => withConfig(() => get().agentProfile(agentId)),
    openEscalationCount: (agentId, tag) => withConfig(() => get().openEscalationCount(agentId, tag)),
    groupName: (groupId) => withConfig(() => get().groupName(groupId)),
  };
}

async function withConfig<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.message, { retryable: true, cause: error });
    throw error;
  }
}
