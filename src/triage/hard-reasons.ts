import type { Settings } from "../config/settings-schema.ts";
import type { HardReason, MessageTriggers } from "../domain/triage.ts";

/**
 * The hard reasons a message's own triggers give under these settings: a request for a person always,
 * legal, fraud, account security and safety when their trigger is on. They escalate without the model,
 * whatever else the ticket holds.
 */
export function hardReasons(
  triggers: MessageTriggers,
  settings: Pick<Settings, "legalTrigger" | "fraudTrigger" | "securityTrigger" | "safetyTrigger">,
): HardReason[] {
  const hard: HardReason[] = [];
  if (triggers.human_agent) hard.push("human_requested");
  if (triggers.legal_regulatory && settings.legalTrigger) hard.push("legal");
  if (triggers.fraud_unauthorized && settings.fraudTrigger) hard.push("fraud");
  if (triggers.account_security && settings.securityTrigger) hard.push("security");
  if (triggers.safety && settings.safetyTrigger) hard.push("safety");
  return hard;
}
