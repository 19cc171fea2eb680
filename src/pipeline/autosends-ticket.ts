import type { Settings } from "../config/settings-schema.ts";
import { type AutosendFallbacks, fellBackToDraft } from "../domain/stage-guard.ts";

/**
 * Whether Deskmate writes for itself on this ticket: autosend mode, inside the rollout, and (once the
 * decision's category is known) a category the stage guard has not fallen back to draft. The one
 * place this is decided: the mode gate (public replies) and the action runner (support actions) both
 * ask here, so a ticket outside the rollout never gets an action run without its reply being sent.
 */
export function autosendsTicket(
  settings: Pick<Settings, "mode" | "autosendRolloutPercent">,
  ticketId: string,
  guard?: { category: string | null; fallbacks: AutosendFallbacks },
): boolean {
  if (guard && fellBackToDraft(guard.fallbacks, guard.category)) return false;
  return settings.mode === "autosend" && isInRollout(ticketId, settings.autosendRolloutPercent);
}

/**
 * Deterministic autosend rollout: a ticket is in the rollout when its id hashes below the percentage,
 * so the same ticket always gets the same treatment while the percentage is unchanged.
 */
function isInRollout(ticketId: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  return fnv1a(ticketId) % 100 < percent;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
