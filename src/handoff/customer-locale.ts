import type { TicketContext } from "../domain/ticket.ts";
import { detectLanguage } from "../lib/detect-language.ts";

export { BUNDLED_LOCALES } from "./bundled-messages.ts";

/**
 * The language for the customer's fixed messages, as a lower-case tag ("es", "pt-br", "it"); pass it
 * to `fixedMessage`, which falls back from the tag to its language to English.
 *
 * - A confident detection of the message's own language wins: the customer reads the language they
 *   write in (the model's reply follows the message too), and helpdesks fill in a default locale
 *   ("en-us") for most requesters who never chose one. When the requester's locale is the same
 *   language, its tag is kept ("pt-br" for a Portuguese message), so a regional translation applies.
 * - Otherwise the requester's locale as the helpdesk knows it, whatever the language (an admin may
 *   have added a translation for it).
 * - Otherwise English.
 */
export function customerLocale(context: Pick<TicketContext, "requester">, message?: string): string {
  const known = context.requester.status === "present" ? context.requester.value.locale : null;
  const requester = known?.trim().toLowerCase().replace(/_/g, "-") || null;
  const detected = message ? detectLanguage(message) : null;
  if (detected?.confident) {
    return requester?.split("-")[0] === detected.language ? requester : detected.language;
  }
  return requester ?? "en";
}
