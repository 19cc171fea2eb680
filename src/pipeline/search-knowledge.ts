import type { Knowledge, Passage } from "../ports/knowledge.ts";
import type { TicketContext } from "../domain/ticket.ts";

/** The requester's locale first; a help center without articles in that locale falls back to its default. */
export async function searchKnowledge(
  knowledge: Knowledge,
  query: string,
  limit: number,
  locale: string | null,
): Promise<Passage[]> {
  if (locale) {
    const localized = await knowledge.search(query, { limit, locale });
    if (localized.length) return localized;
  }
  return knowledge.search(query, { limit });
}

export function requesterLocale(context: Pick<TicketContext, "requester">): string | null {
  return context.requester.status === "present" ? (context.requester.value.locale ?? null) : null;
}
