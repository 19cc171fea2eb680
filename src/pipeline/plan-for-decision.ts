import { outcomeTags } from "../handoff/outcome-tags.ts";
import type { Plan } from "../domain/plan.ts";
import type { TriageResult } from "../domain/triage.ts";
import type { ModelOutput } from "../ports/model-output.ts";
import type { Passage } from "../ports/knowledge.ts";
import type { PolicyDecision } from "../policy/apply-policy.ts";
import { checkStaleKnowledge } from "../policy/check-stale-knowledge.ts";
import { escapeMarkup } from "../policy/escape-markup.ts";
import { customerReply } from "./customer-reply.ts";
import type { DecisionInput } from "./decider.ts";
import { escalate } from "./escalation-plan.ts";

/**
 * The plan a policy decision leads to (not a proposed action, which goes to the action runner): an
 * answer or question becomes the customer's reply, in their language, an answer with links to the
 * sources it rests on, unless its knowledge is stale (escalated, or kept a draft); anything else
 * escalates with a handoff.
 */
export function planForDecision(
  input: DecisionInput,
  triage: TriageResult,
  decision: PolicyDecision,
  output: ModelOutput,
  passages: Passage[],
  modelCalls: number,
  readAccountData: boolean,
): Plan {
  const prefix = input.settings.tagPrefix;
  switch (decision.kind) {
    case "answer":
    case "ask": {
      const outcome = decision.kind;
      const stale =
        decision.kind === "answer"
          ? checkStaleKnowledge({ sourceIds: decision.sourceIds, passages, settings: input.settings })
          : "fresh";
      if (stale === "escalate") return escalate(input, triage, ["stale_knowledge"], { output, passages, modelCalls });
      const reply = customerReply(
        decision.kind === "answer" ? withSourceLinks(decision.reply, decision.sourceIds, passages) : decision.reply,
        input,
        readAccountData,
      );
      return {
        outcome,
        reasons: [],
        customerMessage: reply,
        addTags: outcomeTags({ outcome, reasons: [] }, prefix),
        removeTags: [],
        ...(decision.kind === "answer" ? { sourceIds: decision.sourceIds } : {}),
        ...(stale === "draft" ? { forceDraft: true } : {}),
        modelCalls,
      };
    }
    case "escalate":
      return escalate(input, triage, decision.reasons, {
        output,
        passages,
        modelCalls,
        ...(decision.proposedAction ? { proposedAction: decision.proposedAction } : {}),
      });
    case "regenerate":
      // applyPolicy never asks twice; treat a second request as a violation to be safe.
      return escalate(input, triage, ["policy_violation"], { output, passages, modelCalls });
    case "act":
      // Reached only without an action catalog, where applyPolicy does not return "act".
      return escalate(input, triage, ["needs_human_judgment"], {
        output,
        passages,
        modelCalls,
        proposedAction: decision.action,
      });
  }
}

/** The public answer links the sources it rests on. Titles are data, never markup (Markdown or HTML). */
function withSourceLinks(reply: string, sourceIds: string[], passages: Passage[]): string {
  const used = passages.filter((p) => sourceIds.includes(p.id) && p.url);
  if (!used.length) return reply;
  return `${reply}\n\n${used.map((p) => `${escapeMarkup(p.title)}: ${p.url}`).join("\n")}`;
}
