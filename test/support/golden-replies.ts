import type { ModelOutput } from "../../src/ports/model-output.ts";
import { SCENARIO_CASES } from "../../src/rollout/scenario-cases.ts";
import { modelReplies, type ModelReply, type RecordedModelCall, sampleModelOutput } from "./anthropic-mock.ts";

/** The one passage of the golden "Refund policy" article (src/rollout/golden-articles.ts). */
export const GOLDEN_REFUNDS = "golden-article:refund-policy#1";

/** What a sound live model answers to each bundled golden case that the model decides. */
const ANSWERS: Record<string, string> = {
  "answer from the help center":
    "You can request a refund within 30 days of purchase. Opened hardware returns carry a $25 restocking fee.",
  "answer with an ungrounded price": "Returning an opened headset carries a $25 restocking fee.",
  "answer citing a source that was not retrieved":
    "Refunds go back to the original payment method within 5-7 business days.",
};

const escalation = (): ModelOutput =>
  sampleModelOutput({ outcome: "escalate", reply: null, cited_source_ids: [], intent_category: "other" });

/** The bundled case whose last customer message is in the call's prompt; null for any other call. */
export function goldenCaseOf(call: RecordedModelCall) {
  const prompt = JSON.stringify(call.body);
  return (
    SCENARIO_CASES.find((c) => c.golden && prompt.includes(JSON.stringify(c.turns.at(-1)?.text ?? "").slice(1, -1))) ??
    null
  );
}

/**
 * A live model that reaches every bundled golden expectation (answers grounded in the golden refund
 * article, a question where one is expected, an escalation otherwise); `overrides` by case name
 * stand in for a model that drifted on a case. Calls for no bundled case (added cases) escalate.
 */
export function goldenReply(overrides: Record<string, () => ModelReply> = {}) {
  return (call: RecordedModelCall): ModelReply => {
    const found = goldenCaseOf(call);
    if (!found) return modelReplies.output(escalation());
    const override = overrides[found.name];
    if (override) return override();
    const answer = ANSWERS[found.name];
    if (answer) return modelReplies.output(sampleModelOutput({ reply: answer, cited_source_ids: [GOLDEN_REFUNDS] }));
    if (found.golden?.outcomes.includes("ask")) {
      return modelReplies.output(
        sampleModelOutput({
          intent_category: "order_shipping",
          outcome: "ask",
          reply: "Could you tell me the order number so I can look up its tracking?",
          cited_source_ids: [],
        }),
      );
    }
    return modelReplies.output(escalation());
  };
}
