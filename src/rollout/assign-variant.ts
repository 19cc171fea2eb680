import type { Variant } from "../domain/canary.ts";
import type { Arm } from "../domain/ticket-state.ts";
import { armBucket } from "./assign-arm.ts";

/** Mixed into the canary's hash after the arm salt, so canary membership does not follow the arm's split. */
const CANARY_SALT = "canary";

/**
 * Whether a new ticket decides with the canary block: `canary` for `canaryPercent` of assistant-arm
 * tickets, by a salted hash of the ticket id independent of the arm's, never for a control ticket
 * (the human baseline stays untouched), and never without a block. Deterministic; the pipeline fixes
 * it at the ticket's first decision, as it does the arm.
 */
export function assignVariant(
  ticketId: string,
  arm: Arm,
  settings: { armSalt: string; canaryPercent: number; canary: object | null },
): Variant {
  if (arm === "control" || !settings.canary || settings.canaryPercent <= 0) return "current";
  if (settings.canaryPercent >= 100) return "canary";
  const bucket = armBucket(ticketId, `${settings.armSalt}\u0000${CANARY_SALT}`);
  return bucket < settings.canaryPercent * 100 ? "canary" : "current";
}
