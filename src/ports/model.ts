import type { ModelImage } from "../domain/attachment.ts";
import type { ModelConfiguration } from "../domain/canary.ts";
import type { TicketContext } from "../domain/ticket.ts";
import type { Passage } from "./knowledge.ts";
import type { TriageResult } from "../domain/triage.ts";
import type { ModelOutput } from "./model-output.ts";

export interface ModelInput {
  context: TicketContext;
  /** Public conversation only, oldest first; internal notes never reach the model. */
  conversation: Array<{ role: "customer" | "agent" | "assistant"; text: string; at: string }>;
  /** The customer message being handled. */
  message: string;
  /** Images attached to that message, checked and downloaded: untrusted customer content, like its text. */
  images?: ModelImage[];
  passages: Passage[];
  triage: TriageResult;
  /** "decide": full decision; "handoff": only enrich the handoff (hard-trigger escalations). */
  purpose: "decide" | "handoff";
  /** Feedback from the output validator when asking for one regeneration. */
  retryFeedback?: string;
  /**
   * The models and prompt variant of this decision when they are not the model's own settings: a canary
   * ticket decides with the canary block's (src/pipeline/with-canary-override.ts). Absent: the model's settings.
   */
  configuration?: ModelConfiguration;
  /**
   * The model this call runs on, chosen by difficulty (src/pipeline/choose-model.ts). Absent: the decision
   * model for "decide", the handoff model for "handoff" (of `configuration` when given, else the settings).
   */
  model?: string;
  /** Support actions for this message (from the action catalog, already filtered for this requester and intent). */
  actions?: ModelActions;
}

export interface ModelActions {
  /** Write actions the model may propose (at most one, as `outcome: "act"` with `action`); never run by the model. */
  proposable: Array<{ name: string; description: string; parameters: string[] }>;
  /** Read actions the model may call as tools before answering. */
  tools: Array<{ name: string; description: string; inputSchema: Record<string, unknown> }>;
  /**
   * Runs one tool call. Authorization, the per-message budget (3 reads, no identical repeat) and identity
   * injection happen behind it; the model only sees the result or a refusal.
   */
  runTool(name: string, input: unknown): Promise<{ ok: boolean; content: unknown }>;
}

export type ModelFailureKind = "timeout" | "api_error" | "refusal" | "schema_violation";

/** Tokens of one `propose` (every API call it made), as the API's `usage` reported them, and the model id. */
export interface ModelCallUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export type ModelResult =
  | {
      ok: true;
      output: ModelOutput;
      usage?: ModelCallUsage;
      toolCalls?: number;
    }
  /** A failure after the API answered still used (and bills) tokens: `usage` then says how many. */
  | { ok: false; failure: ModelFailureKind; detail: string; usage?: ModelCallUsage };

/**
 * The model port: the model proposes (an answer, a question, an action or an escalation); the engine
 * (`createEngineDecider`) decides, after triage and policy. Implementations never throw: every failure
 * is a typed result.
 */
export interface Model {
  propose(input: ModelInput): Promise<ModelResult>;
}
