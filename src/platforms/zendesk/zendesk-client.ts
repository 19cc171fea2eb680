import zendesk from "node-zendesk";
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

type NodeZendeskClient = ReturnType<typeof zendesk.createClient>;
type NodeZendeskOptions = Parameters<typeof zendesk.createClient>[0] & { userAgent: string };
interface TransportOutcome {
  response: { status: number; headers: { get(name: string): string | null } };
  result: unknown;
}

/**
 * The only place that talks to node-zendesk. It provides auth headers, URL building (`.json` suffix,
 * query encoding) and the user agent; requests go through its transporter, one level below
 * `Client.request`, because that level hides what retries need: a response carrying Retry-After
 * (429) resolves with `result` set to an Error instead of throwing, statuses outside its table
 * (502, 504) resolve as if they succeeded, and results are unwrapped by resource name, which drops
 * sideloads (`include=users`) and pagination links. Here every non-2xx status becomes a HelpdeskError
 * with the status and Retry-After. node-zendesk has no retry of its own (see with-retry.ts).
 */
export function createZendeskClient(options: ZendeskClientOptions): ZendeskApi {
  const now = options.now ?? Date.now;
  const fetchFn = options.fetch;
  let current: { key: string; client: NodeZendeskClient } | null = null;

  // node-zendesk reads its token once per client, so a refreshed OAuth token needs a new client.
  const clientFor = (token: string | null): NodeZendeskClient => {
    const key = token ?? "basic";
    if (current?.key === key) return current.client;
    const { credentials } = options;
    const zendeskOptions: NodeZendeskOptions = {
      endpointUri: `${options.baseUrl}/api/v2`,
      throwOriginalException: true,
      userAgent: "Deskmate/0.1",
      ...(credentials.kind === "oauth"
        ? { oauth: true, token: token ?? "" }
        : { username: credentials.email, token: credentials.apiToken }),
      transportConfig: {
        transportFn: (uri: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
          fetchFn(uri, {
            method: init.method,
            headers: init.headers,
            ...(init.body === undefined ? {} : { body: init.body }),
          }),
        responseAdapter: (response: Response) => ({
          json: () => response.json(),
          status: response.status,
          headers: { get: (name: string) => response.headers.get(name) },
          statusText: response.statusText,
        }),
      },
    };
    current = { key, client: zendesk.createClient(zendeskOptions) };
    return current.client;
  };

  const attempt = async (call: ZendeskCall, token: string | null): Promise<TransportOutcome> => {
    const uri: unknown[] = [...call.path.map(String), ...(call.query ? [call.query] : [])];
    try {
      return (await clientFor(token).tickets.transporter.request(call.method, uri, call.body)) as TransportOutcome;
    } catch (error) {
      throw new HelpdeskError(call.operation, 0, "no usable answer from Zendesk (network error or unreadable body)", {
        cause: error,
      });
    }
  };

  return {
    async send<T>(call: ZendeskCall): Promise<T> {
      const { credentials } = options;
      let outcome = await attempt(call, credentials.kind === "oauth" ? await credentials.tokens.getToken() : null);
      if (outcome.response.status === 401 && credentials.kind === "oauth") {
        // The token was revoked or expired early: fetch a new one once.
        credentials.tokens.invalidate();
        outcome = await attempt(call, await credentials.tokens.getToken());
      }
      const { status, headers } = outcome.response;
      if (status >= 200 && status < 300) return outcome.result as T;
      throw new HelpdeskError(call.operation, status, describeFailure(status, outcome.result, credentials.kind), {
        retryAfterSeconds: parseRetryAfter(headers.get("retry-after"), now()),
      });
    },
  };
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
