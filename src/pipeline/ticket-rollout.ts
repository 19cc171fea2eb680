import type { Settings } from "../config/settings-schema.ts";
import type { TicketWrites } from "../domain/plan.ts";
import type { Arm, TicketState } from "../domain/ticket-state.ts";
import type { Logger } from "../lib/logger.ts";
import { assignArm } from "../rollout/assign-arm.ts";
import type { StateStore } from "../state/state-store.ts";
import { readReadyCategories } from "./read-ready-categories.ts";

/** One decision's place in the rollout: the ticket's arm and, under `autosend_categories: ready`, what is ready. */
export interface TicketRollout {
  arm: Arm;
  /** This decision fixes the arm (the ticket had none): its writes carry the arm tag. */
  firstDecision: boolean;
  /** Null unless autosend mode reads them (`autosend_categories: ready`). */
  readyCategories: string[] | null;
}

/**
 * The arm kept in the ticket state, or, at the ticket's first decision, the one the salted hash
 * assigns now; and the ready categories when autosend is limited to them. A ticket whose state
 * expired (a month without events) but that carries an arm tag keeps that arm: the tag is what reports
 * split by, so the ticket must not change sides or get the other tag.
 */
export async function ticketRollout(
  state: TicketState,
  settings: Pick<Settings, "mode" | "controlPercent" | "armSalt" | "autosendCategories" | "tagPrefix">,
  ticket: { id: string; tags: readonly string[] },
  store: StateStore,
  log: Logger,
): Promise<TicketRollout> {
  const tagged = (["control", "assistant"] as const).find((arm) =>
    ticket.tags.includes(armTag(settings.tagPrefix, arm)),
  );
  const kept = state.arm ?? tagged;
  const readsReady = settings.mode === "autosend" && settings.autosendCategories === "ready";
  return {
    arm: kept ?? assignArm(ticket.id, settings.armSalt, settings.controlPercent),
    firstDecision: kept === undefined,
    readyCategories: readsReady ? await readReadyCategories(store, log) : null,
  };
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
