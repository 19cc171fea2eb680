import type { Logger } from "../lib/logger.ts";
import type { RateLimitObservation, RequestGovernor } from "../state/request-governor.ts";

export interface GovernedFetchOptions {
  governor: Pick<RequestGovernor, "countRequest" | "observe">;
  /** The helpdesk API's origin: requests elsewhere (an attachment's storage host) are not the account's. */
  origin: string;
  /** Requests on the origin that another budget of the account pays for (Zendesk's Help Center): not governed. */
  outside?: (path: string) => boolean;
  /** The platform's rate-limit headers (zendesk-rate-limit.ts, intercom-rate-limit.ts). */
  readRateLimit(headers: Headers): RateLimitObservation | null;
  logger: Logger;
}

/**
 * A fetch in front of a helpdesk client: every request to the account's API is counted in the governor's
 * window (alongside the request, not before it) and every answer's rate-limit headers are remembered.
 * It never holds back or refuses a request: jobs are admitted before they start (RequestGovernor.reserve),
 * and a 429 still reaches the client's own retries. Bookkeeping that fails is logged, never the request's
 * failure.
 */
export function governedFetch(fetchFn: typeof fetch, options: GovernedFetchOptions): typeof fetch {
  const { governor, logger } = options;
  const origin = new URL(options.origin).origin;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(`${origin}/`) || options.outside?.(new URL(url).pathname)) return fetchFn(input, init);
    const counted = governor.countRequest().catch((error: unknown) => {
      logger.warn("request governor: request not counted", { origin, error });
    });
    try {
      const response = await fetchFn(input, init);
      const observation = options.readRateLimit(response.headers);
      if (observation) governor.observe(observation);
      return response;
    } finally {
      await counted;
    }
  };
}
