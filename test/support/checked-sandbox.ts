import { afterEach, beforeEach } from "vitest";
import { useMswServer } from "./msw-server.ts";
import { expectRequestsMatchSpec } from "./openapi-contract.ts";

interface Sandbox {
  handlers: Parameters<typeof useMswServer>;
  requests: Parameters<typeof expectRequestsMatchSpec>[0];
  reset(): void;
}

/**
 * One helpdesk sandbox for a whole test file: served by the file's msw server, reset before each test,
 * and every request it received checked against the vendor OpenAPI description after each test.
 */
export function useCheckedSandbox<S extends Sandbox>(sandbox: S): S {
  useMswServer(...sandbox.handlers);
  beforeEach(() => sandbox.reset());
  afterEach(() => expectRequestsMatchSpec(sandbox.requests));
  return sandbox;
}
