import type { startLocalApis } from "../../scripts/demo/local-apis.ts";
import type { startWorker } from "../../scripts/demo/worker-process.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { SCENARIOS, type Scenario, stageScenario } from "../support/scenarios.ts";
import { signedIntercomRequest } from "../support/signed-intercom-request.ts";
import { signedZendeskRequest } from "../support/signed-zendesk-request.ts";
import { statusChanged, ticketCreated } from "../support/zendesk-events.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;
type Worker = ReturnType<typeof startWorker>;

export interface SeedSecrets {
  zendesk: string;
  intercom: string;
}

function scenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario named "${name}"`);
  return found;
}

/** What the seed's knowledge-gap customer adds to their question: contacts the ledger must mask. */
export const SEEDED_CONTACT = { email: "jane.doe@example.com", phone: "+1 415 555 0100" };

/**
 * The scenario with contact details after its last message. The recorded model reply still matches
 * (it is found by the last message's text, which the new one contains).
 */
function withContact(base: Scenario): Scenario {
  const last = base.turns.at(-1);
  if (!last) throw new Error(`scenario "${base.name}" has no turns`);
  const text = `${last.text} You can reach me at ${SEEDED_CONTACT.email} or ${SEEDED_CONTACT.phone}.`;
  return { ...base, turns: [...base.turns.slice(0, -1), { ...last, text }] };
}

/**
 * Zendesk tickets of the seed, one per outcome the Overview tells apart; the first answer is solved
 * at once (an AI resolution still inside its stayed-resolved window). The last is a knowledge gap
 * (an answer citing nothing retrieved escalates, no_grounding) whose message carries an e-mail and a
 * phone number, for the Knowledge page's example questions and the review queue's message. Intercom
 * gets one escalation, so the platform filter changes the numbers.
 */
const ZENDESK = [
  { scenario: scenario("answer from the help center"), solve: true },
  { scenario: scenario("answer from the help center"), solve: false },
  { scenario: scenario("ask one focused question"), solve: false },
  { scenario: scenario("customer asks for a person"), solve: false },
  { scenario: withContact(scenario("answer citing a source that was not retrieved")), solve: false },
] as const;
const INTERCOM = [scenario("customer asks for a person")] as const;

export interface SeededLedger {
  zendeskTickets: string[];
  intercomConversations: string[];
}

/**
 * Fills the worker's ledger the way production does: signed webhooks for staged sandbox tickets, each
 * waited for until the worker logs it handled (its decision row is written by then). Throws naming
 * the delivery that was refused or not handled, so a broken seed never looks like a broken page.
 */
export async function seedLedger(
  base: string,
  apis: Apis,
  worker: Worker,
  secrets: SeedSecrets,
): Promise<SeededLedger> {
  const handled = async (response: Response, eventId: string, what: string) => {
    if (response.status !== 202) throw new Error(`seed ${what}: webhook answered ${response.status}`);
    if (!(await worker.waitForEvent(eventId, 30_000))) throw new Error(`seed ${what}: not handled within 30 s`);
  };
  const zendeskTickets: string[] = [];
  for (const [index, member] of ZENDESK.entries()) {
    const { ticketId, requesterId } = stageScenario(apis.sandbox, member.scenario, index);
    const created = ticketCreated({ id: ticketId, requesterId });
    const request = await signedZendeskRequest(created, { secret: secrets.zendesk });
    await handled(await fetch(`${base}/webhooks/zendesk`, request), created.id, `ticket #${ticketId}`);
    if (member.solve) {
      apis.sandbox.setStatus(ticketId, "solved");
      const solved = statusChanged({ id: ticketId, requesterId }, "open", "solved");
      const solve = await signedZendeskRequest(solved, { secret: secrets.zendesk });
      await handled(await fetch(`${base}/webhooks/zendesk`, solve), solved.id, `solve of #${ticketId}`);
    }
    zendeskTickets.push(String(ticketId));
  }
  const intercomConversations: string[] = [];
  for (const [index, member] of INTERCOM.entries()) {
    const { conversationId, payload } = stageIntercomScenario(apis.intercom, member, index);
    const request = await signedIntercomRequest(payload, { secret: secrets.intercom });
    await handled(await fetch(`${base}/webhooks/intercom`, request), payload.id, `conversation ${conversationId}`);
    intercomConversations.push(String(conversationId));
  }
  return { zendeskTickets, intercomConversations };
}
