import { HelpdeskError } from "../../lib/errors.ts";
import type { OAuthTokenProvider } from "./oauth-token-provider.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";

export type ZendeskMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ZendeskCall {
  /** Names the call in errors and logs, e.g. "show_ticket". */
  operation: string;
  method: ZendeskMethod;
  /** Path below /api/v2 as segments, e.g. ["tickets", 101, "comments"]. */
  path: Array<string | number>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface ZendeskApi {
  /** Resolves with the parsed JSON body of a 2xx answer; anything else throws HelpdeskError. */
  send<T>(call: ZendeskCall): Promise<T>;
}

export type ZendeskCredentials =
  | { kind: "oauth"; tokens: OAuthTokenProvider }
  | { kind: "token"; email: string; apiToken: string };

export interface ZendeskClientOptions {
  baseUrl: string;
  credentials: ZendeskCredentials;
  fetch: typeof fetch;
  now?: () => number;
}

const USER_AGENT = "Deskmate/0.1";

/**
 * Zendesk Support API v2 on plain fetch. The request shape is the one the project sent through
 * node-zendesk before, so the sandboxes and the OpenAPI checks see the same requests: the path
 * segments joined below `/api/v2` with a `.json` suffix, the query form-encoded (a space is `+`,
 * brackets are escaped), JSON bodies on writes only, Basic auth as `email/token:apiToken` or a Bearer
 * OAuth token. Every non-2xx answer is a HelpdeskError with the status and Retry-After; a network
 * error or an unreadable body is status 0. Retries belong to the caller (with-retry.ts); the one
 * exception is an OAuth 401, which gets a fresh token and one more attempt here.
 */
export function createZendeskClient(options: ZendeskClientOptions): ZendeskApi {
  const now = options.now ?? Date.now;
  const fetchFn = options.fetch;
  const { credentials } = options;

  const attempt = async (call: ZendeskCall, authorization: string): Promise<{ response: Response; body: unknown }> => {
    try {
      const response = await fetchFn(zendeskUrl(options.baseUrl, call), {
        method: call.method,
        headers: {
          Authorization: authorization,
          "Content-Type": "application/json",
          Accept: "application/json",
          "User-Agent": USER_AGENT,
        },
        ...(call.method !== "GET" && call.body ? { body: JSON.stringify(call.body) } : {}),
      });
      // A body that is not JSON (204, an HTML error page from a proxy) reads as an empty object.
      const json = response.status !== 204 && response.headers.get("content-type")?.includes("application/json");
      return { response, body: json ? await response.json() : {} };
    } catch (error) {
      throw new HelpdeskError(call.operation, 0, "no usable answer from Zendesk (network error or unreadable body)", {
        cause: error,
      });
    }
  };

  const authorization = async (): Promise<string> =>
    credentials.kind === "oauth"
      ? `Bearer ${await credentials.tokens.getToken()}`
      : basicAuthorization(credentials.email, credentials.apiToken);

  return {
    async send<T>(call: ZendeskCall): Promise<T> {
      let outcome = await attempt(call, await authorization());
      if (outcome.response.status === 401 && credentials.kind === "oauth") {
        // The token was revoked or expired early: fetch a new one once.
        credentials.tokens.invalidate();
        outcome = await attempt(call, await authorization());
      }
      const { status, headers } = outcome.response;
      if (status >= 200 && status < 300) return outcome.body as T;
      throw new HelpdeskError(call.operation, status, describeFailure(status, outcome.body, credentials.kind), {
        retryAfterSeconds: parseRetryAfter(headers.get("retry-after"), now()),
      });
    },
  };
}

/** `{baseUrl}/api/v2/{segments}.json?{query}`; empty segments are skipped, an empty query adds nothing. */
export function zendeskUrl(baseUrl: string, call: Pick<ZendeskCall, "path" | "query">): string {
  const path = call.path.map(String).filter(Boolean).join("/");
  const query = new URLSearchParams(Object.entries(call.query ?? {})).toString();
  return `${baseUrl}/api/v2/${path}.json${query ? `?${query}` : ""}`;
}

/** API-token Basic auth (`{email}/token:{token}`), UTF-8 encoded as Zendesk expects. */
export function basicAuthorization(email: string, apiToken: string): string {
  const bytes = new TextEncoder().encode(`${email}/token:${apiToken}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** Zendesk's error code and description (`{error, description}` or `{error: {title, message}}`); never request data. */
function describeFailure(status: number, body: unknown, auth: ZendeskCredentials["kind"]): string {
  const parts = [`HTTP ${status}`];
  if (body && typeof body === "object") {
    const { error, description } = body as { error?: unknown; description?: unknown };
    if (typeof error === "string") parts.push(error);
    else if (error && typeof error === "object" && typeof (error as { title?: unknown }).title === "string") {
      parts.push((error as { title: string }).title);
    }
    if (typeof description === "string") parts.push(description);
  }
  if (status === 401) {
    parts.push(
      auth === "oauth"
        ? "check ZENDESK_OAUTH_CLIENT_ID/ZENDESK_OAUTH_CLIENT_SECRET"
        : "check ZENDESK_EMAIL/ZENDESK_API_TOKEN (API tokens stop working on 2027-04-30: move to OAuth)",
    );
  }
  if (status === 403) parts.push("the API user lacks permission (it must be an agent or admin)");
  return parts.join(": ");
}
