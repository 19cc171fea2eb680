import { HelpdeskError } from "../../lib/errors.ts";
import type { IntercomConfig } from "./intercom-config.ts";
import { parseRateLimitReset } from "./parse-rate-limit-reset.ts";

export interface IntercomRequest {
  /** Names the call in errors and logs, e.g. "show_conversation". */
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Below the base URL, path parameters already encoded, e.g. `/conversations/123/reply`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface IntercomTransport {
  config: Pick<IntercomConfig, "accessToken" | "baseUrl" | "version">;
  fetch: typeof fetch;
  /** Milliseconds since the epoch; reads X-RateLimit-Reset against it. */
  now: () => number;
  timeoutMs: number;
}

const USER_AGENT = "Deskmate/0.1";

/**
 * One Intercom API request on plain fetch: Bearer token, the pinned Intercom-Version, a JSON body when
 * there is one. Resolves with the parsed body of a 2xx answer (undefined when empty). Anything else is
 * a HelpdeskError: Intercom's status (a 1xx/3xx that reaches here counts as 502), with X-RateLimit-Reset
 * on a 429 as the wait; status 0 for a network error, a timeout or a 2xx body that is not JSON.
 */
export async function intercomRequest(transport: IntercomTransport, request: IntercomRequest): Promise<unknown> {
  const { config } = transport;
  const query = request.query ? toQuery(request.query) : "";
  const hasBody = request.body !== undefined;
  const signal = AbortSignal.timeout(transport.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await transport.fetch(`${config.baseUrl}${request.path}${query ? `?${query}` : ""}`, {
      method: request.method,
      headers: {
        Authorization: `Bearer ${config.accessToken}`,
        "Intercom-Version": config.version,
        Accept: "application/json",
        "User-Agent": USER_AGENT,
        ...(hasBody ? { "Content-Type": "application/json" } : {}),
      },
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw new HelpdeskError(
      request.operation,
      0,
      signal.aborted ? "Intercom did not answer in time" : "no usable answer from Intercom (network error)",
      { cause: error },
    );
  }
  if (response.status >= 200 && response.status < 300) {
    if (text.length === 0) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new HelpdeskError(request.operation, 0, "Intercom answered with a body that is not JSON", {
        cause: error,
      });
    }
  }
  throw failure(request.operation, response, text, transport.now());
}

/** Intercom's `error.list` codes and messages (never request data), plus the fix for auth problems. */
function failure(operation: string, response: Response, text: string, nowMs: number): HelpdeskError {
  const status = response.status < 400 ? 502 : response.status;
  const parts = [`HTTP ${response.status}`];
  const errors = parseErrors(text);
  for (const e of errors.slice(0, 3)) {
    parts.push([e.code, e.message].filter((x) => typeof x === "string").join(" "));
  }
  if (status === 401) parts.push("check INTERCOM_ACCESS_TOKEN and INTERCOM_API_URL (the workspace's region)");
  if (status === 403) parts.push("the app lacks a permission (Developer Hub > your app > Authentication > scopes)");
  const retryAfterSeconds =
    status === 429 ? parseRateLimitReset(response.headers.get("x-ratelimit-reset"), nowMs) : undefined;
  return new HelpdeskError(operation, status, parts.filter(Boolean).join(": "), {
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

function parseErrors(text: string): Array<{ code?: unknown; message?: unknown }> {
  try {
    const errors = (JSON.parse(text) as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? errors.filter((e) => e && typeof e === "object") : [];
  } catch {
    return [];
  }
}

/** Query parameters percent-encoded with encodeURIComponent (a space is `%20`), in the given order. */
function toQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}
