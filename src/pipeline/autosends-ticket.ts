import type { Settings } from "../config/settings-schema.ts";
import type { Arm } from "../domain/ticket-state.ts";
import { type AutosendFallbacks, fellBackToDraft } from "../domain/stage-guard.ts";

/** What the settings alone do not say about one decision: the ticket's arm, its category and what is ready. */
export interface AutosendScope {
  /** The ticket's experiment arm; `control` never autosends. Absent: assistant. */
  arm?: Arm;
  /** The decision's intent category; null or absent when unclassified (allowed only under `all`). */
  category?: string | null;
  /**
   * The categories the readiness check marked ready (`rollout:ready_categories`), read only when
   * `autosend_categories` is `ready`; null or absent when unread or unreadable: none is ready.
   */
  readyCategories?: readonly string[] | null;
  /** Categories the stage guard fell back to draft (`rollout:guarded_categories`); absent: none. */
  fallbacks?: AutosendFallbacks;
}

export type AutosendSettings = Pick<Settings, "mode" | "autosendRolloutPercent"> &
  Partial<Pick<Settings, "autosendCategories">>;

/**
 * Whether Deskmate writes for itself on this ticket: autosend mode, the assistant arm, inside the
 * rollout, in a category autosend may answer (`autosend_categories`) and that the stage guard has not
 * fallen back to draft. The one place this is
 * decided: the mode gate (public replies) and the action runner (support actions) both ask here, so a
 * ticket outside the rollout never gets an action run without its reply being sent.
 */
export function autosendsTicket(settings: AutosendSettings, ticketId: string, scope: AutosendScope = {}): boolean {
  if (scope.fallbacks && fellBackToDraft(scope.fallbacks, scope.category ?? null)) return false;
  return (
    settings.mode === "autosend" &&
    scope.arm !== "control" &&
    isInRollout(ticketId, settings.autosendRolloutPercent) &&
    isAllowedCategory(settings.autosendCategories ?? "all", scope)
  );
}

/** `all` allows every decision; `ready` and a list allow only a decision whose category they name. */
function isAllowedCategory(allowed: Settings["autosendCategories"], scope: AutosendScope): boolean {
  if (allowed === "all") return true;
  const category = scope.category ?? null;
  if (category === null) return false;
  const names = allowed === "ready" ? (scope.readyCategories ?? []) : allowed;
  return names.includes(category);
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
