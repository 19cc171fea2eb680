/** Tokens one model used for one decision, as the API reported them (summed over that model's calls). */
export interface ModelUsage {
  model: string;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/**
 * What the decision engine learned while deciding, kept with the plan for the outcome ledger: ids,
 * codes and numbers only, never message text.
 */
export interface DecisionFacts {
  /** The model's intent category, else triage's; null when neither classified the message. */
  category: string | null;
  /** The model's answer confidence (0..1); null when no model output was used. */
  confidence: number | null;
  /** Every model call of the decision (proposal, regeneration, handoff enrichment), per model id. */
  usage: ModelUsage[];
  /** Passages the plan rests on, with their age in whole days (null when the article date is unknown). */
  sources: Array<{ id: string; ageDays: number | null }>;
  /** Retrieval ran and found nothing usable. */
  knowledgeGap: boolean;
}
