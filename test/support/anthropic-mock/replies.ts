import type { ModelOutput } from "../../../src/ports/model-output.ts";
import { toWireOutput } from "../../../src/agent/model-output-wire.ts";

export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "refusal" | "tool_use";

/** How the mock answers one call to `POST /v1/messages`. */
export type ModelReply =
  /** A valid structured output, sent as the JSON text block the API returns. */
  | { kind: "output"; output: ModelOutput }
  /** Raw text in the text block: malformed or schema-violating JSON. */
  | { kind: "text"; text: string; stopReason?: StopReason }
  /** `stop_reason: "refusal"` (the text need not be JSON). */
  | { kind: "refusal"; text: string }
  /** An API error: `{"type":"error","error":{"type",...}}` with this status. */
  | { kind: "error"; status: number; errorType: string; headers?: Record<string, string> }
  /**
   * `stop_reason: "tool_use"` with these client tool calls
   * (and an optional text block before them, as the model writes).
   */
  | { kind: "tool_use"; calls: Array<{ name: string; input: unknown; id?: string }>; text?: string }
  /** Wait `ms` before answering with `then` (a client with a shorter timeout gives up first). */
  | { kind: "delay"; ms: number; then: ModelReply };

/** A refund answer grounded in the sandbox's "Refund policy" article (passage zd-article:360001001#1). */
export function sampleModelOutput(overrides: Partial<ModelOutput> = {}): ModelOutput {
  return {
    intent_category: "refund",
    classification_confidence: 0.93,
    outcome: "answer",
    answer_confidence: 0.88,
    reply:
      "Hi Maria, you can request a refund within 30 days of purchase, and a duplicate charge for the same invoice " +
      "is refunded in full. The money goes back to your original payment method within 5-7 business days.",
    cited_source_ids: ["zd-article:360001001#1"],
    action: null,
    handoff: {
      summary: "Maria was charged twice for invoice INV-2041 and asks for the second charge back.",
      customer_wants: "get a refund for the second charge",
      known_facts: ["Invoice INV-2041 was charged twice"],
      urgency: "normal",
      suggested_next_step: "Confirm the duplicate charge in billing and refund it.",
    },
    ...overrides,
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Builders for the replies tests need most. */
export const modelReplies = {
  output: (output: ModelOutput = sampleModelOutput()): ModelReply => ({ kind: "output", output }),
  /** JSON cut off mid-object, as when the model hits max_tokens. */
  malformedJson: (): ModelReply => ({
    kind: "text",
    text: '{"intent_category": "refund", "classification_confidence": 0.9, "outcome": "ans',
    stopReason: "max_tokens",
  }),
  /** Valid JSON that breaks the schema: an unknown outcome and a confidence above 1. */
  schemaViolation: (): ModelReply => ({
    kind: "text",
    text: JSON.stringify({
      ...toWireOutput(sampleModelOutput()),
      outcome: "refund_now",
      classification_confidence: 1.7,
    }),
  }),
  refusal: (text = "I can't help with this request."): ModelReply => ({ kind: "refusal", text }),
  /** 500 api_error, 529 overloaded_error, 429 rate_limit_error, ... */
  httpError: (status: number, headers?: Record<string, string>): ModelReply => ({
    kind: "error",
    status,
    errorType: ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"),
    ...(headers ? { headers } : {}),
  }),
  /** The model asks for these tool calls; ids are generated as `toolu_mock…` unless given. */
  toolUse: (calls: Array<{ name: string; input: unknown; id?: string }>, text?: string): ModelReply => ({
    kind: "tool_use",
    calls,
    ...(text !== undefined ? { text } : {}),
  }),
  delayed: (ms: number, then: ModelReply = modelReplies.output()): ModelReply => ({ kind: "delay", ms, then }),
};
