import { afterEach, beforeEach } from "vitest";
import { createAnthropicMock } from "./anthropic-mock.ts";
import { createIntercomSandbox } from "./intercom-sandbox.ts";
import { useMswServer } from "./msw-server.ts";
import { expectRequestsMatchSpec } from "./openapi-contract.ts";
import { recordedReply } from "./scenarios.ts";
import { createZendeskSandbox } from "./zendesk-sandbox.ts";

/**
 * Both helpdesk sandboxes and the model mock for a test file that runs flows on Zendesk and Intercom:
 * reset before each test (the model replays the recorded outputs), and every request each sandbox
 * received checked against the vendor OpenAPI description after each test.
 */
export function useBothHelpdesks() {
  const zendesk = createZendeskSandbox();
  const intercom = createIntercomSandbox();
  const anthropic = createAnthropicMock();
  const server = useMswServer(...zendesk.handlers, ...intercom.handlers, ...anthropic.handlers);
  beforeEach(() => {
    zendesk.reset();
    intercom.reset();
    anthropic.reset();
    anthropic.setFallback(recordedReply);
  });
  afterEach(() => {
    expectRequestsMatchSpec(zendesk.requests);
    expectRequestsMatchSpec(intercom.requests);
  });
  return { zendesk, intercom, anthropic, server };
}
