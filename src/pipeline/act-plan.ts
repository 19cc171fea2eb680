import type { DecisionInput } from "./decider.ts";
import type { TriageResult } from "../domain/triage.ts";
import type { ModelOutput } from "../ports/model-output.ts";
import type { Passage } from "../ports/knowledge.ts";
import type { ProposedAction } from "../policy/apply-policy.ts";
import type { messageActions } from "./support-actions.ts";
import type { Plan } from "../domain/plan.ts";
import { autosendsTicket } from "./autosends-ticket.ts";
import { escalate } from "./escalation-plan.ts";
import { customerReply } from "./customer-reply.ts";
import { escapeHtml } from "../lib/escape-html.ts";
import { outcomeTags } from "../handoff/outcome-tags.ts";

/**
 * The one write the model proposed: authorized against the catalog, run only in autosend (inside the
 * rollout), once. Over the approval threshold it goes to a human with the prepared call; a refusal or
 * a failed run escalates and says exactly what was attempted.
 */
export async function actPlan(args: {
  input: DecisionInput;
  triage: TriageResult;
  output: ModelOutput;
  passages: Passage[];
  modelCalls: number;
  reply: string;
  proposed: ProposedAction;
  acts: ReturnType<typeof messageActions>;
}): Promise<Plan> {
  const { input, triage, output, passages, modelCalls, proposed } = args;
  const { settings } = input;
  const execute = autosendsTicket(settings, input.context.ticket.id, {
    ...input.rollout,
    category: output.intent_category,
  });
  if (execute) await input.beforeWrite?.();
  const write = await args.acts.write(proposed, { category: output.intent_category, execute });
  const extra = { output, passages, modelCalls };
  // What became of the proposed action, as a code for the outcome ledger.
  const action = (result: string) => ({ action: { name: proposed.name, result } });
  switch (write.kind) {
    case "denied":
      return {
        ...escalate(input, triage, ["action_denied"], {
          ...extra,
          proposedAction: proposed,
          facts: [`Action refused by policy (${write.reason}): ${write.detail}.`],
        }),
        ...action("denied"),
      };
    case "needs_approval":
      return {
        ...escalate(input, triage, ["approval_required"], {
          ...extra,
          proposedAction: { name: write.call.action.name, parameters: write.call.parameters },
          facts: [`Prepared for your approval: ${write.attempted}`],
        }),
        ...action("approval_required"),
      };
    case "not_executed":
      return {
        ...escalate(input, triage, ["needs_human_judgment"], {
          ...extra,
          proposedAction: proposed,
          facts: [`Prepared, not carried out (mode ${settings.mode}): ${write.attempted}`],
        }),
        ...action("not_executed"),
      };
    case "ran": {
      const { result } = write;
      if (!result.ok) {
        const what =
          result.outcome === "unknown"
            ? "result unknown: check the backend before repeating it"
            : `failed (${result.error.code})`;
        return {
          ...escalate(input, triage, ["tool_error"], {
            ...extra,
            actionsAttempted: [{ action: result.attempted, result: what }],
          }),
          ...action(result.outcome === "unknown" ? "unknown" : "failed"),
        };
      }
      return {
        outcome: "act",
        reasons: [],
        customerMessage: customerReply(args.reply, input, args.acts.accountReads() > 0),
        internalNote:
          `<p><strong>Deskmate carried out a support action:</strong> ${escapeHtml(result.attempted)} ` +
          `(done once; idempotency key ${escapeHtml(result.idempotencyKey ?? "n/a")}).</p>`,
        addTags: outcomeTags({ outcome: "act", reasons: [] }, settings.tagPrefix),
        removeTags: [],
        modelCalls,
        ...action("done"),
      };
    }
  }
}
