import type { PreparedCall } from "./authorize-action.ts";
import { identityKindOf } from "./requester-identity.ts";

/**
 * One line saying what was (or would be) done, for the handoff note and the `tool_error` text, e.g.
 * `refund(order_id="A-1001", amount=80, reason="damaged") for the ticket's requester`. Identity-like
 * values are masked: they are the requester's own and the note does not need them.
 */
export function describeCall(call: PreparedCall): string {
  const args = Object.keys(call.parameters)
    .sort()
    .map((name) => `${name}=${identityKindOf(name) ? '"[requester]"' : JSON.stringify(call.parameters[name])}`)
    .join(", ");
  return `${call.action.kind} ${call.action.name}(${args}) for the ticket's requester`;
}
