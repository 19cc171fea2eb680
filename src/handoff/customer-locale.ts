import type { TicketContext } from "../domain/ticket.ts";

/** Languages with a bundled set of fixed messages. */
export const BUNDLED_LOCALES = ["en"] as const;

/**
 * The language for the customer's fixed messages: the requester's locale as the helpdesk knows it
 * ("de", "pt-br" → "pt") when a set exists for it, English otherwise.
 */
export function customerLocale(context: Pick<TicketContext, "requester">): string {
  const known = context.requester.status === "present" ? context.requester.value.locale : null;
  const primary = known?.toLowerCase().split(/[-_]/)[0] ?? "";
  return (BUNDLED_LOCALES as readonly string[]).includes(primary) ? primary : "en";
}
