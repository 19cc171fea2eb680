import type { Settings } from "../config/settings-schema.ts";
import type { TicketState } from "../domain/ticket-state.ts";

/**
 * Put the AI disclosure before the assistant's first public reply on a ticket (no public reply sent
 * yet: `aiTurns === 0`), so the customer knows from the start who they are talking to and how to
 * reach a person. Later replies go out as they are.
 */
export function withDisclosure(
  reply: string,
  state: Pick<TicketState, "aiTurns">,
  settings: Pick<Settings, "disclosureText">,
): string {
  const disclosure = settings.disclosureText.trim();
  if (state.aiTurns > 0 || !disclosure || reply.includes(disclosure)) return reply;
  return `${disclosure}\n\n${reply}`;
}
