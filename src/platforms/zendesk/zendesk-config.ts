import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";

export interface ZendeskConfig {
  subdomain: string;
  /** `https://{subdomain}.zendesk.com`, or ZENDESK_API_URL (a sandbox or proxy), without a trailing slash. */
  baseUrl: string;
  auth: { kind: "oauth"; clientId: string; clientSecret: string } | { kind: "token"; email: string; apiToken: string };
  appId: string | null;
  /**
   * Webhook signing secrets; several while rotating. Not required here (the API works without it);
   * the webhook route rejects every delivery while the list is empty, with its own fix message.
   */
  webhookSecrets: string[];
}

interface Missing {
  name: string;
  why: string;
}

const FIX: Record<string, string> = {
  ZENDESK_SUBDOMAIN:
    'your account\'s subdomain, "acme" for https://acme.zendesk.com ' + "(or set it under [vars] in wrangler.toml)",
  ZENDESK_OAUTH_CLIENT_ID:
    "the Identifier of a confidential OAuth client (Admin Center > Apps and integrations > APIs > OAuth clients)",
  ZENDESK_OAUTH_CLIENT_SECRET: "that OAuth client's secret",
  ZENDESK_EMAIL: "the agent email that owns the existing API token",
  ZENDESK_API_TOKEN: "the existing API token",
};

// Zendesk no longer creates API tokens (since 2026-10-27) and existing ones stop working on 2027-04-30:
// developer.zendesk.com/documentation/api-basics/authentication/oauth-migration/
const OAUTH_ADVICE =
  "Zendesk no longer creates API tokens and existing ones stop working on 2027-04-30: prefer OAuth " +
  "(ZENDESK_OAUTH_CLIENT_ID + ZENDESK_OAUTH_CLIENT_SECRET).";

/** Reads and checks the Zendesk bindings. Throws one ConfigError naming every missing variable and its fix. */
export function zendeskConfigFromEnv(env: Env): ZendeskConfig {
  const missing: Missing[] = [];
  const problems: string[] = [];
  const need = (name: string, why = FIX[name] ?? "") => missing.push({ name, why });

  const apiUrl = value(env.ZENDESK_API_URL);
  const subdomainInput = value(env.ZENDESK_SUBDOMAIN);
  let baseUrl = "";
  let subdomain = "";
  if (apiUrl) {
    baseUrl = apiUrl.replace(/\/+$/, "");
    const host = hostOf(baseUrl);
    if (!host)
      problems.push(`ZENDESK_API_URL must be an http(s) URL such as https://acme.zendesk.com (got "${apiUrl}").`);
    subdomain =
      subdomainInput?.toLowerCase() ??
      (host?.endsWith(".zendesk.com") ? host.slice(0, -".zendesk.com".length) : (host ?? ""));
  } else if (subdomainInput) {
    subdomain = subdomainInput.toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]*$/.test(subdomain)) {
      problems.push(
        `ZENDESK_SUBDOMAIN must be the bare subdomain, "acme" for https://acme.zendesk.com ` +
          `(got "${subdomainInput}").`,
      );
    }
    baseUrl = `https://${subdomain}.zendesk.com`;
  } else {
    need("ZENDESK_SUBDOMAIN");
  }

  const clientId = value(env.ZENDESK_OAUTH_CLIENT_ID);
  const clientSecret = value(env.ZENDESK_OAUTH_CLIENT_SECRET);
  const email = value(env.ZENDESK_EMAIL);
  const apiToken = value(env.ZENDESK_API_TOKEN);
  const oauthSet = Boolean(clientId || clientSecret);
  const legacySet = Boolean(email || apiToken);
  if (oauthSet || !legacySet) {
    if (!clientId) need("ZENDESK_OAUTH_CLIENT_ID");
    if (!clientSecret) need("ZENDESK_OAUTH_CLIENT_SECRET");
  }
  if (legacySet) {
    const leftover = oauthSet ? " (or delete the half-set legacy pair: OAuth is used)" : "";
    if (!email) need("ZENDESK_EMAIL", FIX.ZENDESK_EMAIL + leftover);
    if (!apiToken) need("ZENDESK_API_TOKEN", FIX.ZENDESK_API_TOKEN + leftover);
  }

  const webhookSecrets = (env.ZENDESK_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);

  if (missing.length || problems.length) throw new ConfigError(configMessage(missing, problems));

  const auth: ZendeskConfig["auth"] =
    clientId && clientSecret
      ? { kind: "oauth", clientId, clientSecret }
      : { kind: "token", email: email ?? "", apiToken: apiToken ?? "" };
  return { subdomain, baseUrl, auth, appId: value(env.ZENDESK_APP_ID) ?? null, webhookSecrets };
}

function configMessage(missing: Missing[], problems: string[]): string {
  const lines = ["Zendesk is not configured."];
  if (missing.length) {
    lines.push("Missing:");
    for (const m of missing) lines.push(`  - ${m.name}: ${m.why}. Fix: wrangler secret put ${m.name}`);
  }
  for (const p of problems) lines.push(`  - ${p}`);
  if (missing.some((m) => m.name.startsWith("ZENDESK_OAUTH") || m.name === "ZENDESK_API_TOKEN"))
    lines.push(OAUTH_ADVICE);
  return lines.join("\n");
}

function value(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.hostname : null;
  } catch {
    return null;
  }
}
