import type { Env } from "../../env.ts";

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The account namespace of trigger payloads: the Zendesk subdomain this deployment is configured
 * for (one Zendesk account per deployment). Trigger bodies cannot carry an account id and the
 * `x-zendesk-account-id` header is not signed, so configuration is the only trustworthy source.
 * Null when ZENDESK_SUBDOMAIN is unset or not a bare subdomain; the route then refuses triggers.
 */
export function zendeskTriggerAccount(env: Pick<Env, "ZENDESK_SUBDOMAIN">): string | null {
  const subdomain = (env.ZENDESK_SUBDOMAIN ?? "").trim().toLowerCase();
  return SUBDOMAIN.test(subdomain) ? subdomain : null;
}
