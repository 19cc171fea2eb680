import type { DecisionFacts, ModelUsage } from "../domain/decision-facts.ts";
import type { Plan } from "../domain/plan.ts";
import type { Passage } from "../ports/knowledge.ts";
import type { Model } from "../ports/model.ts";
import type { ModelOutput } from "../ports/model-output.ts";

/**
 * Collects, while one message is decided, what the outcome ledger needs and the plan does not carry:
 * the tokens of every model call (the proposal, a regeneration, the handoff enrichment, failed calls
 * the API still billed), the model's category and confidence, the passages retrieval found and
 * whether it found nothing. `facts(plan)` turns that into the plan's DecisionFacts.
 */
export function decisionTrace() {
  const usage = new Map<string, ModelUsage>();
  let lastOutput: ModelOutput | null = null;
  let decideOutput: ModelOutput | null = null;
  let triageCategory: string | null = null;
  let found: Passage[] = [];
  let knowledgeGap = false;

  return {
    /** The model, with every call's usage and output noted here. */
    meter(model: Model): Model {
      return {
        propose: async (input) => {
          const result = await model.propose(input);
          if (result.usage) {
            const { model: id, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = result.usage;
            const sum = usage.get(id) ?? { model: id, input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
            usage.set(id, {
              model: id,
              input: sum.input + inputTokens,
              output: sum.output + outputTokens,
              cacheRead: sum.cacheRead + cacheReadTokens,
              cacheWrite: sum.cacheWrite + cacheWriteTokens,
            });
          }
          if (result.ok) {
            lastOutput = result.output;
            if (input.purpose === "decide") decideOutput = result.output;
          }
          return result;
        },
      };
    },
    triage(category: string | null): void {
      triageCategory = category;
    },
    passages(passages: Passage[]): void {
      found = passages;
    },
    knowledgeGap(): void {
      knowledgeGap = true;
    },
    facts(plan: Plan): DecisionFacts {
      const output: ModelOutput | null = lastOutput;
      const decided: ModelOutput | null = decideOutput;
      const cited = plan.sourceIds ?? [];
      return {
        category: output?.intent_category ?? triageCategory,
        confidence: decided?.answer_confidence ?? null,
        usage: [...usage.values()],
        sources: cited.map((id) => ({ id, ageDays: found.find((p) => p.id === id)?.ageDays ?? null })),
        knowledgeGap,
      };
    },
  };
}

export type DecisionTrace = ReturnType<typeof decisionTrace>;
