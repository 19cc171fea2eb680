import type { ContentBlock, Message, StopReason, Usage } from "./messages-api.ts";

/**
 * The Messages API's answer as a typed Message, or null when the body is not one (then nothing in it is
 * trusted). Blocks other than text and tool_use are kept by type only; fields Deskmate does not read are
 * dropped.
 */
export function readMessage(body: unknown): Message | null {
  if (!isRecord(body) || !Array.isArray(body.content) || !isRecord(body.usage)) return null;
  const usage = readUsage(body.usage);
  const content: ContentBlock[] = [];
  for (const block of body.content) {
    const read = readBlock(block);
    if (!read) return null;
    content.push(read);
  }
  if (!usage) return null;
  return {
    id: typeof body.id === "string" ? body.id : "",
    type: "message",
    role: "assistant",
    model: typeof body.model === "string" ? body.model : "",
    content,
    stop_reason: typeof body.stop_reason === "string" ? (body.stop_reason as StopReason) : null,
    usage,
  };
}

function readBlock(block: unknown): ContentBlock | null {
  if (!isRecord(block) || typeof block.type !== "string") return null;
  if (block.type === "text") return typeof block.text === "string" ? { type: "text", text: block.text } : null;
  if (block.type === "tool_use") {
    if (typeof block.id !== "string" || typeof block.name !== "string") return null;
    return { type: "tool_use", id: block.id, name: block.name, input: block.input };
  }
  return { type: "other", block_type: block.type };
}

function readUsage(usage: Record<string, unknown>): Usage | null {
  const { input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens } = usage;
  if (typeof input_tokens !== "number" || typeof output_tokens !== "number") return null;
  return {
    input_tokens,
    output_tokens,
    cache_creation_input_tokens: typeof cache_creation_input_tokens === "number" ? cache_creation_input_tokens : null,
    cache_read_input_tokens: typeof cache_read_input_tokens === "number" ? cache_read_input_tokens : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
