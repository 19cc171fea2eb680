import { HelpdeskError } from "../../lib/errors.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";

export interface OAuthTokenProvider {
  /** A valid access token: the cached one, or a fresh one (concurrent callers share one request). */
  getToken(): Promise<string>;
  /** Forget the cached token (Zendesk answered 401 with it). */
  invalidate(): void;
}

export interface OAuthTokenProviderOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof fetch;
  /** Milliseconds since the epoch; injectable so tests can move past expiry. */
  now?: () => number;
}

/** Refresh this long before Zendesk's expiry so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;
/**
 * New global OAuth clients issue 30-minute access tokens by default (PLATFORM.md); used when `expires_in` is
 * absent.
 */
const DEFAULT_EXPIRES_IN_S = 30 * 60;

const FIX =
  "Check ZENDESK_OAUTH_CLIENT_ID (the OAuth client's Identifier) and ZENDESK_OAUTH_CLIENT_SECRET, and that the " +
  'client kind is "confidential": only confidential clients may use the client-credentials grant ' +
  "(support.zendesk.com/hc/en-us/articles/4408845965210).";

/**
 * Client-credentials grant on `POST {baseUrl}/oauth/tokens` (JSON body; the spec's CreateTokenForGrantType).
 * The token is kept until shortly before it expires; errors never echo the client secret.
 */
export function createOAuthTokenProvider(options: OAuthTokenProviderOptions): OAuthTokenProvider {
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    let response: Response;
    try {
      response = await options.fetch(`${options.baseUrl}/oauth/tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope: "read write",
        }),
      });
    } catch (error) {
      throw new HelpdeskError("oauth_token", 0, "could not reach Zendesk to get an access token", { cause: error });
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok) {
      const code = typeof body?.error === "string" ? ` (${body.error})` : "";
      const fix = response.status === 400 || response.status === 401 || response.status === 403 ? ` ${FIX}` : "";
      throw new HelpdeskError(
        "oauth_token",
        response.status,
        `Zendesk refused the token request: HTTP ${response.status}${code}.${fix}`,
        {
          retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after"), now()),
        },
      );
    }
    const token = body?.access_token;
    if (typeof token !== "string" || token === "") {
      throw new HelpdeskError("oauth_token", 502, "Zendesk answered the token request without an access_token");
    }
    const expiresInMs =
      (typeof body?.expires_in === "number" && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_IN_S) * 1000;
    // A very short-lived token is still reused for half its life rather than refetched on every call.
    cached = { token, refreshAt: now() + Math.max(expiresInMs - EXPIRY_MARGIN_MS, expiresInMs / 2) };
    return token;
  };

  return {
    getToken() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate() {
      cached = null;
    },
  };
}
