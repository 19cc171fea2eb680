import type { Env } from "../../env.ts";
import { ConfigError } from "../../lib/errors.ts";

/** The Intercom REST API version this adapter is written and spec-checked against (specs/intercom-api-2.16.yaml). */
export const INTERCOM_API_VERSION = "2.16";

/** Intercom's regional REST bases (developers.intercom.com, "Regional hosting"). */
export const INTERCOM_REGIONAL_BASES = [
  "https://api.intercom.io",
  "https://api.eu.intercom.io",
  "https://api.au.intercom.io",
] as const;

export interface IntercomConfig {
  accessToken: string;
  /** Signs webhooks (X-Hub-Signature, SHA-1) and Canvas Kit requests (X-Body-Signature, SHA-256). */
  clientSecret: string;
  /** One of the regional bases, or a sandbox/proxy URL; without a trailing slash. */
  baseUrl: string;
  /** Sent as the Intercom-Version header on every request. */
  version: string;
}

const FIX: Record<string, string> = {
  INTERCOM_ACCESS_TOKEN: "the access token of the Deskmate app (Developer Hub > your app > Authentication)",
  INTERCOM_CLIENT_SECRET:
    "the app's client secret (Developer Hub > your app > Basic information); it signs " +
    "webhooks and Canvas Kit requests",
};

/** Reads and checks the Intercom bindings. Throws one ConfigError naming every missing or bad variable and its fix. */
export function intercomConfigFromEnv(env: Env): IntercomConfig {
  const missing = (["INTERCOM_ACCESS_TOKEN", "INTERCOM_CLIENT_SECRET"] as const).filter((name) => !value(env[name]));
  const problems: string[] = [];

  const baseInput = value(env.INTERCOM_API_URL);
  const baseUrl = (baseInput ?? INTERCOM_REGIONAL_BASES[0]).replace(/\/+$/, "");
  if (!isHttpUrl(baseUrl)) {
    problems.push(
      `INTERCOM_API_URL must be an http(s) URL: ${INTERCOM_REGIONAL_BASES.join(", ")} (US, EU, AU) or a proxy ` +
        `(got "${baseInput}").`,
    );
  }
  const version = value(env.INTERCOM_VERSION) ?? INTERCOM_API_VERSION;
  if (!/^\d+\.\d+$/.test(version) && version !== "Unstable") {
    problems.push(`INTERCOM_VERSION must look like "${INTERCOM_API_VERSION}" (got "${version}").`);
  }

  if (missing.length || problems.length) {
    const lines = ["Intercom is not configured."];
    if (missing.length) lines.push("Missing:");
    for (const name of missing) lines.push(`  - ${name}: ${FIX[name]}. Fix: wrangler secret put ${name}`);
    for (const problem of problems) lines.push(`  - ${problem}`);
    throw new ConfigError(lines.join("\n"));
  }
  return {
    accessToken: value(env.INTERCOM_ACCESS_TOKEN) ?? "",
    clientSecret: value(env.INTERCOM_CLIENT_SECRET) ?? "",
    baseUrl,
    version,
  };
}

function value(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}
