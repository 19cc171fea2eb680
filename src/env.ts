import type { QueueMessageBody } from "./domain/queue-message.ts";

/**
 * Worker bindings. Secrets are set with `wrangler secret put NAME` (see wrangler.toml and
 * .dev.vars.example for what each one is and where to get it). Everything is optional at the type
 * level: `loadEnvConfig` checks what is missing and says how to fix it.
 */
export interface Env {
  ZENDESK_SUBDOMAIN?: string;
  ZENDESK_API_URL?: string;
  ZENDESK_OAUTH_CLIENT_ID?: string;
  ZENDESK_OAUTH_CLIENT_SECRET?: string;
  ZENDESK_EMAIL?: string;
  ZENDESK_API_TOKEN?: string;
  ZENDESK_WEBHOOK_SECRET?: string;
  ZENDESK_APP_ID?: string;
  /** The Zendesk app's public key (PEM): verifies the ZAF JWT Zendesk signs for the app's signed pages. */
  ZENDESK_APP_PUBLIC_KEY?: string;
  /** The Deskmate app's installation id in the Zendesk account: the only installation whose tokens count. */
  ZENDESK_APP_INSTALLATION_ID?: string;
  /** Intercom: access token of the Deskmate app (Developer Hub > your app > Authentication). */
  INTERCOM_ACCESS_TOKEN?: string;
  /** Intercom app client secret: signs webhooks (X-Hub-Signature) and Canvas Kit requests (X-Body-Signature). */
  INTERCOM_CLIENT_SECRET?: string;
  /**
   * Intercom REST base URL: https://api.intercom.io (US, default), https://api.eu.intercom.io,
   * https://api.au.intercom.io.
   */
  INTERCOM_API_URL?: string;
  /**
   * Pinned Intercom API version sent as the Intercom-Version header (default 2.16, the version the project is
   * checked against).
   */
  INTERCOM_VERSION?: string;
  /** Bearer token for the admin endpoints (PUT /admin/settings/intercom). */
  DESKMATE_ADMIN_TOKEN?: string;
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  /** Behaviour settings fallbacks: DESKMATE_MODE, DESKMATE_TAG_PREFIX, ... (see config/settings-schema.ts). */
  [key: `DESKMATE_${string}`]: string | undefined;
  EVENTS_QUEUE?: Queue<QueueMessageBody>;
  /** Signs the on-call notification (HMAC-SHA256 of `timestamp.body`, header x-deskmate-signature). */
  ON_CALL_WEBHOOK_SECRET?: string;
  /** Local demos and tests only: an http://127.0.0.1 receiver that replaces the on_call_webhook_url setting. */
  ON_CALL_WEBHOOK_LOCAL_URL?: string;
  /** The outcome ledger (D1, migrations/); absent until the database is created and bound. */
  LEDGER?: D1Database;
}
