import { ConfigError } from "../../lib/errors.ts";
import type { InterpretContext, WebhookAdapter, WebhookVerdict } from "../../ports/webhook-adapter.ts";
import { InvalidZendeskPayloadError } from "./invalid-zendesk-payload-error.ts";
import { normalizeZendeskEvent } from "./normalize-zendesk-event.ts";
import { verifyZendeskSignature, type ZendeskSignatureResult } from "./verify-zendesk-signature.ts";

export interface ZendeskWebhookAdapterDeps {
  /** Accepted signing secrets; more than one during a rotation. Empty = refuse every delivery. */
  secrets: () => string[];
  /**
   * The account trigger payloads belong to (this deployment's Zendesk subdomain), null when not
   * configured. Event-subscription payloads carry their own signed `account_id`; no unsigned header
   * (`x-zendesk-account-id`) ever chooses the account.
   */
  triggerAccount: () => string | null;
}

const SIGNATURE_HEADER = "x-zendesk-webhook-signature";
const TIMESTAMP_HEADER = "x-zendesk-webhook-signature-timestamp";
const INVOCATION_HEADER = "x-zendesk-webhook-invocation-id";
const SIGNATURE_FAILURES: Record<Exclude<ZendeskSignatureResult, "valid">, string> = {
  bad_signature: "the signature does not match any configured signing secret",
  stale_timestamp: "the signature timestamp is more than 5 minutes away from the worker clock",
  bad_timestamp: "the signature timestamp is not an ISO-8601 date-time",
};
const MISSING_SECRET_FIX =
  "Zendesk webhook signing secret is not configured, so every delivery is refused. Fix: run " +
  "`wrangler secret put ZENDESK_WEBHOOK_SECRET` and paste the webhook's signing secret (Zendesk Admin " +
  "Center > Apps and integrations > Webhooks > the Deskmate webhook > Signing secret > Reveal secret); " +
  "locally, put it in .dev.vars.";

/**
 * Zendesk's side of the webhook route: HMAC-SHA256 over the signed timestamp and the body (5-minute
 * replay window), trigger payloads filed under the configured account, and 409 while a claim is
 * pending.
 */
export function zendeskWebhookAdapter(deps: ZendeskWebhookAdapterDeps): WebhookAdapter {
  return {
    platform: "zendesk",
    logName: "zendesk webhook",
    deliveryIdHeader: INVOCATION_HEADER,
    secrets: deps.secrets,
    missingSecret: {
      logMessage: MISSING_SECRET_FIX,
      fix: "wrangler secret put ZENDESK_WEBHOOK_SECRET",
      message: "the Zendesk webhook signing secret is not configured on this worker",
    },
    requiredHeaders: [SIGNATURE_HEADER, TIMESTAMP_HEADER, INVOCATION_HEADER],
    headerPatterns: { [INVOCATION_HEADER]: /^[A-Za-z0-9._:-]{1,200}$/ },
    async verify({ rawBody, header, secrets, now }) {
      const signature = header(SIGNATURE_HEADER) ?? "";
      const timestamp = header(TIMESTAMP_HEADER) ?? "";
      const verdict = await verifyZendeskSignature({ rawBody, signature, timestamp, secrets, now });
      return verdict === "valid" ? null : { status: 401, error: verdict, message: SIGNATURE_FAILURES[verdict] };
    },
    interpret: async (json, context) => interpret(json, deps, context),
    // The event id alone: it comes from the signed body. Zendesk's retries resend that body, so the
    // unsigned invocation id adds nothing but a key an attacker could vary.
    claimId: (event) => `evt:${event.eventId}`,
    // Zendesk retries "certain" failures only; 409 is the one its webhook docs are understood to retry
    // without a Retry-After (to confirm in a webhook's activity log). Never a business-level 4xx.
    busyStatus: 409,
  };
}

function interpret(json: unknown, deps: ZendeskWebhookAdapterDeps, context: InterpretContext): WebhookVerdict {
  const { header, log, trace } = context;
  const invocationId = header(INVOCATION_HEADER) ?? "";
  let normalized: ReturnType<typeof normalizeZendeskEvent>;
  try {
    normalized = normalizeZendeskEvent(json, { invocationId, triggerAccount: readTriggerAccount(deps.triggerAccount) });
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(error.message, { fix: "set ZENDESK_SUBDOMAIN" });
      const message = "trigger payloads need ZENDESK_SUBDOMAIN configured on this worker";
      return { reject: { status: 503, error: "trigger_account_missing", message } };
    }
    if (!(error instanceof InvalidZendeskPayloadError)) throw error;
    return { reject: { status: 400, error: error.code, message: error.message, log: { fields: error.fields } } };
  }
  if ("ignored" in normalized) {
    return { acknowledge: { status: "ignored" }, log: { event_type: normalized.ignored.slice(0, 100) } };
  }
  const { ticketId, eventId, kind, accountId } = normalized;
  trace({ ticket_id: ticketId, event_id: eventId, kind, account_id: accountId });
  return { accept: normalized };
}

function readTriggerAccount(account: () => string | null): string | null {
  try {
    return account();
  } catch {
    return null;
  }
}
