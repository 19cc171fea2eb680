import { http, HttpResponse, type RequestHandler } from "msw";
import { jsonBody } from "./zendesk-sandbox/handlers.ts";

export interface RecordedRequest {
  method: string;
  url: string;
  /** Path as the sandbox normalizes it (Zendesk: without the optional `.json`). */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (the raw text when it is not JSON; undefined when empty). */
  body: unknown;
  at: string;
}

export interface FaultMatcher {
  /** Any method when absent. */
  method?: string;
  /** Compared with the recorded `path`; a RegExp is tested against it. */
  path: string | RegExp;
  /** Also required to hold, e.g. on the body (one of several updates to the same path). */
  when?: (request: RecordedRequest) => boolean;
}

export interface FaultResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * The first handler of a sandbox: records every request to `baseUrl` and answers injected faults
 * (`failNext`) in the platform's error shape; anything else falls through to the endpoints.
 */
export function createRequestRecorder(options: {
  baseUrl: string;
  now: () => Date;
  normalizePath?: (path: string) => string;
  errorBody: (status: number) => unknown;
}) {
  const normalize = options.normalizePath ?? ((path: string) => path);
  const requests: RecordedRequest[] = [];
  let faults: Array<{ matcher: FaultMatcher; responses: FaultResponse[] }> = [];
  const anything = new RegExp(`^${options.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`);

  const handler: RequestHandler = http.all(anything, async ({ request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const recorded: RecordedRequest = {
      method: request.method.toUpperCase(),
      url: request.url,
      path: normalize(url.pathname),
      query: Object.fromEntries(url.searchParams),
      headers,
      body: (await jsonBody(request)) ?? undefined,
      at: options.now().toISOString(),
    };
    requests.push(recorded);
    const fault = faults.find((f) => matches(f.matcher, recorded));
    if (!fault) return undefined;
    const response = fault.responses.shift();
    if (fault.responses.length === 0) faults = faults.filter((f) => f !== fault);
    if (!response) return undefined;
    return HttpResponse.json((response.body ?? options.errorBody(response.status)) as never, {
      status: response.status,
      ...(response.headers ? { headers: response.headers } : {}),
    });
  });

  function matches(matcher: FaultMatcher, request: RecordedRequest): boolean {
    if (matcher.method && matcher.method.toUpperCase() !== request.method) return false;
    const pathMatches =
      typeof matcher.path === "string" ? normalize(matcher.path) === request.path : matcher.path.test(request.path);
    if (!pathMatches) return false;
    return matcher.when ? matcher.when(request) : true;
  }

  return {
    handler,
    /** Matches every URL under the base (for the sandbox's closing 404 handler). */
    anything,
    requests,
    failNext(matcher: FaultMatcher, responses: FaultResponse[]): void {
      if (responses.length) faults.push({ matcher, responses: [...responses] });
    },
    reset(): void {
      requests.length = 0;
      faults = [];
    },
  };
}
