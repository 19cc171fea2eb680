import type { Settings } from "../config/settings-schema.ts";
import type { TicketWrites } from "../domain/plan.ts";
import type { Arm, TicketState } from "../domain/ticket-state.ts";
import type { Logger } from "../lib/logger.ts";
import type { Variant } from "../domain/canary.ts";
import { assignArm } from "../rollout/assign-arm.ts";
import { assignVariant } from "../rollout/assign-variant.ts";
import { readCanaryRollbacks } from "../state/canary-rollbacks.ts";
import { decisionFingerprint } from "./decision-fingerprint.ts";
import { withCanaryOverride } from "./with-canary-override.ts";
import type { StateStore } from "../state/state-store.ts";
import { readReadyCategories } from "./read-ready-categories.ts";

/** One decision's place in the rollout: the ticket's arm and, under `autosend_categories: ready`, what is ready. */
export interface TicketRollout {
  arm: Arm;
  /** This decision fixes the arm (the ticket had none): its writes carry the arm tag. */
  firstDecision: boolean;
  /** Null unless autosend mode reads them (`autosend_categories: ready`). */
  readyCategories: string[] | null;
  /** The ticket's canary membership, fixed at its first decision (kept in the ticket state). */
  member: Variant;
  /**
   * What this decision uses: `canary` for a member while the canary block is set and its fingerprint
   * was not rolled back by the stage guard; `current` otherwise.
   */
  variant: Variant;
  /** The settings this decision decides with: the canary's (withCanaryOverride) or the account's. */
  settings: Settings;
}

/**
 * The arm kept in the ticket state, or, at the ticket's first decision, the one the salted hash
 * assigns now; and the ready categories when autosend is limited to them. A ticket whose state
 * expired (a month without events) but that carries an arm tag keeps that arm: the tag is what reports
 * split by, so the ticket must not change sides or get the other tag.
 */
export async function ticketRollout(
  state: TicketState,
  settings: Settings,
  ticket: { id: string; tags: readonly string[] },
  store: StateStore,
  log: Logger,
): Promise<TicketRollout> {
  const tagged = (["control", "assistant"] as const).find((arm) =>
    ticket.tags.includes(armTag(settings.tagPrefix, arm)),
  );
  const kept = state.arm ?? tagged;
  const readsReady = settings.mode === "autosend" && settings.autosendCategories === "ready";
  const arm = kept ?? assignArm(ticket.id, settings.armSalt, settings.controlPercent);
  // A ticket that kept its arm keeps its membership; one from before canaries existed is current.
  const member = kept === undefined ? assignVariant(ticket.id, arm, settings) : (state.variant ?? "current");
  // Both state reads at once: each is a round trip to the store on the message's path.
  const [candidate, readyCategories] = await Promise.all([
    member === "canary" ? liveCanary(settings, store, log) : null,
    readsReady ? readReadyCategories(store, log) : null,
  ]);
  return {
    arm,
    firstDecision: kept === undefined,
    readyCategories,
    member,
    variant: candidate ? "canary" : "current",
    settings: candidate ?? settings,
  };
}

/**
 * The canary's settings, unless there is no block any more or the stage guard rolled its fingerprint
 * back (read on every canary ticket's decision, so a rollback holds from the next message on).
 */
async function liveCanary(settings: Settings, store: StateStore, log: Logger): Promise<Settings | null> {
  if (!settings.canary) return null;
  const candidate = withCanaryOverride(settings);
  const rollbacks = await readCanaryRollbacks(store, log);
  if (rollbacks.unreadable) return null;
  const fingerprint = await decisionFingerprint(candidate);
  if (rollbacks.fingerprints.includes(fingerprint)) {
    log.info("canary rolled back: deciding with the current settings", { fingerprint });
    return null;
  }
  return candidate;
}

/** The tag that lets helpdesk reports split tickets by arm: `<prefix>arm_control` / `<prefix>arm_assistant`. */
export function armTag(prefix: string, arm: Arm): string {
  return `${prefix}arm_${arm}`;
}

/**
 * The decision's writes with the arm tag, once per ticket (its first decision) and only while an
 * experiment runs (`control_percent` above 0). It rides on the tags the decision writes anyway (one
 * Zendesk tags call); without an experiment there is nothing to split, and on Intercom, where each tag
 * is its own request, it would be one more write per new conversation. The ledger records the arm either way.
 */
export function withArmTag(
  writes: TicketWrites,
  rollout: TicketRollout,
  settings: Pick<Settings, "tagPrefix" | "controlPercent">,
): TicketWrites {
  if (!rollout.firstDecision || settings.controlPercent <= 0) return writes;
  const tag = armTag(settings.tagPrefix, rollout.arm);
  return writes.addTags.includes(tag) ? writes : { ...writes, addTags: [...writes.addTags, tag] };
}
