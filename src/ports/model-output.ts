import * as z from "zod";
import { INTENT_CATEGORIES } from "../domain/triage.ts";

/**
 * The one structured output of the decision call, validated with zod (sent to the API as strict JSON
 * Schema: agent/wire-output-format.ts). The model proposes; policy decides.
 */
export const modelOutputSchema = z.object({
  intent_category: z.enum(INTENT_CATEGORIES),
  classification_confidence: z.number().min(0).max(1),
  outcome: z.enum(["answer", "ask", "act", "escalate"]),
  answer_confidence: z.number().min(0).max(1),
  /** The answer, the one question, or what the action would do; null for escalate. */
  reply: z.string().nullable(),
  cited_source_ids: z.array(z.string()),
  action: z
    .object({
      name: z.string(),
      parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    })
    .nullable(),
  /**
   * Facts read from the customer's attached images that the reply repeats (an order number, an error
   * code), each as a short line. Treated like the customer's own words: they ground identifiers and
   * dates read back to that customer, never prices, percentages or time limits. Absent without images.
   */
  image_facts: z.array(z.string()).optional(),
  handoff: z.object({
    summary: z.string(),
    customer_wants: z.string(),
    known_facts: z.array(z.string()),
    urgency: z.enum(["low", "normal", "high", "urgent"]),
    suggested_next_step: z.string(),
  }),
});

export type ModelOutput = z.infer<typeof modelOutputSchema>;
