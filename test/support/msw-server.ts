import { setupServer } from "msw/node";
import type { RequestHandler } from "msw";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * One msw server per test file. Unhandled requests are errors: a test never reaches the network.
 * (msw 3 calls the option `onUnhandledFrame`; the msw 2 name is silently ignored.)
 */
export function useMswServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
