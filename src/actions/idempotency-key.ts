import type { ActionParameters } from "./parameter-schema.ts";
import { bytesToHex } from "../lib/bytes-to-hex.ts";

/** JSON with keys sorted, so the same parameters always give the same text. */
export function canonicalParameters(parameters: ActionParameters): string {
  return JSON.stringify(
    Object.keys(parameters)
      .sort()
      .map((k) => [k, parameters[k]]),
  );
}

/**
 * `Idempotency-Key` for a write: SHA-256 of ticket + action + canonical parameters. Re-processing the
 * same message (queue retry, duplicate webhook) sends the same key, so the backend runs it once.
 */
export async function idempotencyKey(
  ticketId: string,
  actionName: string,
  parameters: ActionParameters,
): Promise<string> {
  const text = `${ticketId}\n${actionName}\n${canonicalParameters(parameters)}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `dm-${bytesToHex(digest)}`;
}
