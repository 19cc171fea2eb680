import { EVAL_TRIGGERS, type EvalTrigger, type Label } from "./triage-metrics.ts";

export interface EvalRow {
  id: string | number;
  text: string;
  dataset: string | undefined;
  labels: Record<EvalTrigger, Label> | null;
  intentLabel: string | null | undefined;
}

export class EvalInputError extends Error {
  override readonly name = "EvalInputError";
}

/** One JSONL line; `where` is "file:line" for error messages. */
export function parseEvalRow(line: string, where: string): EvalRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new EvalInputError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EvalInputError(`${where}: expected a JSON object`);
  }
  const row = value as Record<string, unknown>;
  if (typeof row.id !== "string" && typeof row.id !== "number") {
    throw new EvalInputError(`${where}: "id" must be a string or a number`);
  }
  if (typeof row.text !== "string") throw new EvalInputError(`${where}: "text" must be a string`);
  if (row.dataset !== undefined && typeof row.dataset !== "string") {
    throw new EvalInputError(`${where}: "dataset" must be a string when present`);
  }
  if (row.intent_category !== undefined && row.intent_category !== null && typeof row.intent_category !== "string") {
    throw new EvalInputError(`${where}: "intent_category" must be a string or null when present`);
  }
  return {
    id: row.id,
    text: row.text,
    dataset: row.dataset,
    labels: parseLabels(row.triggers, where),
    intentLabel: row.intent_category as string | null | undefined,
  };
}

function parseLabels(value: unknown, where: string): Record<EvalTrigger, Label> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value))
    throw new EvalInputError(`${where}: "triggers" must be an object`);
  const source = value as Record<string, unknown>;
  const labels = {} as Record<EvalTrigger, Label>;
  for (const trigger of EVAL_TRIGGERS) {
    const label = source[trigger] ?? null;
    if (label !== 0 && label !== 1 && label !== null) {
      throw new EvalInputError(`${where}: "triggers.${trigger}" must be 0, 1 or null`);
    }
    labels[trigger] = label;
  }
  return labels;
}
