import type { SupportEvent } from "../domain/support-event.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

/**
 * The account the ledger files an event's rows under, the one the admin API asks for: the Zendesk
 * subdomain (Zendesk webhooks carry the numeric account id, triggers the subdomain) or the Intercom
 * workspace id. The runtime configures it per platform; absent, the event's own account id.
 */
export function ledgerAccount(event: SupportEvent, deps: Pick<PipelineDeps, "ledgerAccount">): string {
  return deps.ledgerAccount ?? event.accountId;
}
