/**
 * The parts of the Claude Messages API (`POST /v1/messages`, non-streaming) that Deskmate sends and reads,
 * as plain types (platform.claude.com/docs/en/api/messages). Only what is used is described: a field the
 * API adds to its answer is ignored, never an error.
 */

export interface CacheControl {
  type: "ephemeral";
}

export interface TextBlockParam {
  type: "text";
  text: string;
  cache_control?: CacheControl;
}

/** A customer's image, inlined as base64 (png, jpeg, gif or webp; at most 5 MB). */
export interface ImageBlockParam {
  type: "image";
  source: { type: "base64"; media_type: string; data: string };
  cache_control?: CacheControl;
}

/** An assistant turn's tool call, echoed back before its result. */
export interface ToolUseBlockParam {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
}

/** The answer to one tool_use block, in the next user turn. */
export interface ToolResultBlockParam {
  type: "tool_result";
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}

export type ContentBlockParam = TextBlockParam | ImageBlockParam | ToolUseBlockParam | ToolResultBlockParam;

export interface MessageParam {
  role: "user" | "assistant";
  content: string | ContentBlockParam[];
}

/** A client tool: the model may ask for it with a tool_use block; Deskmate runs it and sends the result. */
export interface Tool {
  name: string;
  description?: string;
  input_schema: { type: "object"; [keyword: string]: unknown };
}

export type ToolChoice = { type: "auto" } | { type: "any" } | { type: "none" } | { type: "tool"; name: string };

/** Structured output: the answer's text block is JSON matching `schema` (closed objects only). */
export interface JsonOutputFormat {
  type: "json_schema";
  schema: Record<string, unknown>;
}

export interface MessagesRequest {
  model: string;
  max_tokens: number;
  system?: string | TextBlockParam[];
  messages: MessageParam[];
  tools?: Tool[];
  tool_choice?: ToolChoice;
  output_config?: { format: JsonOutputFormat };
}

export interface TextBlock {
  type: "text";
  text: string;
}

export interface ToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
}

/** Any other block of the answer, by its type only (the client reads no more of it). */
export interface OtherBlock {
  type: "other";
  block_type: string;
}

/**
 * A block of the answer. Deskmate offers no server tools and no extended thinking, so only text and
 * tool_use are expected; another type arrives as an OtherBlock, which callers skip.
 */
export type ContentBlock = TextBlock | ToolUseBlock | OtherBlock;

export type StopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal"
  | "model_context_window_exceeded";

/** Token counts the outcome ledger prices (config/model-cost.ts); the cache fields may be null or absent. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

export interface Message {
  id: string;
  type: "message";
  role: "assistant";
  /** The model that answered: an alias resolves to a dated id, which is what the call is billed as. */
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  usage: Usage;
}
