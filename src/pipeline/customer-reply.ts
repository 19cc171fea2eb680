import { customerLocale } from "../handoff/customer-locale.ts";
import { fixedMessage } from "../handoff/fixed-messages.ts";
import { withDisclosure } from "../policy/with-disclosure.ts";
import type { DecisionInput } from "./decider.ts";

/** The language of the customer's fixed messages for this decision: their message's, else their locale's. */
export function messageLocale(input: Pick<DecisionInput, "context" | "customerComment">): string {
  return customerLocale(input.context, input.customerComment.body);
}

/**
 * Whether this reply carries the data-collection notice: a support action read the customer's account
 * data for it, the notice is on, and the ticket has not had it yet (once per ticket).
 */
export function givesDataNotice(input: Pick<DecisionInput, "settings" | "state">, readAccountData: boolean): boolean {
  return readAccountData && input.settings.dataNotice && input.state.dataNoticeGiven !== true;
}

/**
 * A reply as the customer reads it, in their language: the AI disclosure first on the first public
 * reply, then the notice that their account was looked up (see givesDataNotice), then the reply.
 */
export function customerReply(
  reply: string,
  input: Pick<DecisionInput, "context" | "customerComment" | "settings" | "state">,
  readAccountData = false,
): string {
  const locale = messageLocale(input);
  const notice = givesDataNotice(input, readAccountData)
    ? `${fixedMessage("data_notice", locale, {}, input.settings)}\n\n`
    : "";
  const disclosureText = fixedMessage("disclosure", locale, {}, input.settings);
  return withDisclosure(`${notice}${reply}`, input.state, { disclosureText });
}
