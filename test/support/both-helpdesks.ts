import type { RequestHandler } from "msw";
import { afterEach, beforeEach } from "vitest";
import { createAnthropicMock } from "./anthropic-mock.ts";
import { createIntercomSandbox } from "./intercom-sandbox.ts";
import { useMswServer } from "./msw-server.ts";
import { expectRequestsMatchSpec } from "./openapi-contract.ts";
import { recordedReply } from "./scenarios.ts";
import { createZendeskSandbox } from "./zendesk-sandbox.ts";

type ModelFallback = Parameters<ReturnType<typeof createAnthropicMock>["setFallback"]>[0];

export interface BothHelpdesksOptions {
  /** The sandboxes' clock (default: the real one). */
  now?: () => Date;
  /**
   * What the model mock answers when a test queued nothing: the recorded outputs (default), another
   * reply or table, or null (an unqueued call fails, for files that queue every answer themselves).
   */
  modelFallback?: ModelFallback | null;
  /** Handlers for other hosts the file's flows call, kept for the whole file. */
  handlers?: RequestHandler[];
}

/**
 * Both helpdesk sandboxes and the model mock for a test file that runs flows on Zendesk and Intercom:
 * reset before each test, and every request each sandbox received checked against the vendor OpenAPI
 * description after each test.
 */
export function useBothHelpdesks(options: BothHelpdesksOptions = {}) {
  const clock = options.now ? { now: options.now } : {};
  const zendesk = createZendeskSandbox(clock);
  const intercom = createIntercomSandbox(clock);
  const anthropic = createAnthropicMock();
  const server = useMswServer(
    ...zendesk.handlers,
    ...intercom.handlers,
    ...anthropic.handlers,
    ...(options.handlers ?? []),
  );
  const fallback = options.modelFallback === undefined ? recordedReply : options.modelFallback;
  beforeEach(() => {
    zendesk.reset();
    intercom.reset();
    anthropic.reset();
    if (fallback !== null) anthropic.setFallback(fallback);
  });
  afterEach(() => {
    expectRequestsMatchSpec(zendesk.requests);
    expectRequestsMatchSpec(intercom.requests);
  });
  return { zendesk, intercom, anthropic, server };
}
