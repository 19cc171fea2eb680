import type { Env } from "../../env.ts";
import { zendeskTriggerAccount } from "../../platforms/zendesk/zendesk-trigger-account.ts";
import type { ZafTrust } from "./verify-zaf-token.ts";

export type ZendeskAppConfig =
  | { ok: true; trust: ZafTrust; adminToken: string }
  | { ok: false; missing: string[]; fix: string };

const FIX =
  "The Zendesk app cannot be trusted until the worker knows its key and installation. Fix: set " +
  "ZENDESK_APP_PUBLIC_KEY (the app's public key, PEM: `GET /api/v2/apps/{app_id}/public_key.pem` in your " +
  "Zendesk account) and ZENDESK_APP_INSTALLATION_ID (Admin Center > Apps and integrations > Zendesk Support " +
  "apps > Deskmate, or `GET /api/v2/apps/installations.json`) with `wrangler secret put`, besides " +
  "ZENDESK_SUBDOMAIN and DESKMATE_ADMIN_TOKEN.";

/** What the worker needs to trust the Zendesk app: the app key, the installation, the account and the admin token. */
export function zendeskAppConfig(env: Env): ZendeskAppConfig {
  const subdomain = zendeskTriggerAccount(env);
  const publicKeyPem = env.ZENDESK_APP_PUBLIC_KEY?.trim() ?? "";
  const installationId = env.ZENDESK_APP_INSTALLATION_ID?.trim() ?? "";
  const adminToken = env.DESKMATE_ADMIN_TOKEN?.trim() ?? "";
  const missing = [
    ...(subdomain === null ? ["ZENDESK_SUBDOMAIN"] : []),
    ...(publicKeyPem.includes("BEGIN PUBLIC KEY") ? [] : ["ZENDESK_APP_PUBLIC_KEY"]),
    ...(/^\d{1,20}$/.test(installationId) ? [] : ["ZENDESK_APP_INSTALLATION_ID"]),
    ...(adminToken === "" ? ["DESKMATE_ADMIN_TOKEN"] : []),
  ];
  if (subdomain === null || missing.length > 0) return { ok: false, missing, fix: FIX };
  return { ok: true, trust: { publicKeyPem, subdomain, installationId }, adminToken };
}
