import type { Scenario } from "./scenarios.ts";
import { userCreated } from "./intercom-events.ts";
import { INTERCOM_SANDBOX, type IntercomSandbox } from "./intercom-sandbox.ts";

/** Put a scenario into the Intercom sandbox (a new contact and conversation); returns its webhook payload. */
export function stageIntercomScenario(sandbox: IntercomSandbox, scenario: Scenario, index: number) {
  const contact = sandbox.addContact(`Scenario Customer ${index + 1}`);
  const conversation = sandbox.addConversation({
    contactId: contact.id,
    parts: scenario.turns.map((t) =>
      t.by === "c"
        ? { author: "user" as const, body: t.text }
        : {
            author: "admin" as const,
            adminId: t.by === "a" ? INTERCOM_SANDBOX.assistantAdminId : INTERCOM_SANDBOX.humanAdminId,
            body: t.text,
          },
    ),
  });
  const payload = userCreated({ id: conversation.id, contactId: contact.id, body: scenario.turns[0]?.text ?? "" });
  return { conversationId: conversation.id, payload };
}
