import type { TicketContext } from "../helpdesk/helpdesk.ts";
import type { Passage } from "../knowledge/knowledge.ts";
import type { TriageResult } from "../triage/triage-types.ts";
import type { ModelOutput } from "./model-output.ts";

export interface ModelInput {
  context: TicketContext;
  /** Public conversation only, oldest first; internal notes never reach the model. */
  conversation: Array<{ role: "customer" | "agent" | "assistant"; text: string; at: string }>;
  /** The customer message being handled. */
  message: string;
  passages: Passage[];
  triage: TriageResult;
  /** "decide": full decision; "handoff": only enrich the handoff (hard-trigger escalations). */
  purpose: "decide" | "handoff";
  /** Feedback from the output validator when asking for one regeneration. */
  retryFeedback?: string;
}

export type ModelFailureKind = "timeout" | "api_error" | "refusal" | "schema_violation";

export type ModelResult =
  | { ok: true; output: ModelOutput; usage?: { inputTokens: number; outputTokens: number; cacheReadTokens: number } }
  | { ok: false; failure: ModelFailureKind; detail: string };

/** The model port. Implementations never throw: every failure is a typed result. */
export interface Model {
  decide(input: ModelInput): Promise<ModelResult>;
}
