import type { ContentBlock, ContentBlockParam, Tool, ToolResultBlockParam } from "./messages-api.ts";
import type { ModelActions } from "../ports/model.ts";

/** Read tool calls allowed per customer message (issue 5: "capped at 3 calls per message"). */
export const MAX_TOOL_CALLS = 3;
/** Tool results are data for the model, not documents: a runaway backend answer must not fill the context. */
const MAX_RESULT_CHARS = 8000;
export const BUDGET_EXHAUSTED = "tool budget exhausted";

/**
 * The catalog's read actions as Messages API client tools
 * (platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use).
 */
export function toApiTools(tools: ModelActions["tools"]): Tool[] {
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: { type: "object", ...t.inputSchema } as Tool["input_schema"],
  }));
}

/**
 * The assistant turn to send back before the tool results. Only text and tool_use blocks are echoed:
 * Deskmate offers no server tools and no extended thinking, so no other block type can appear.
 */
export function assistantTurn(content: readonly ContentBlock[]): ContentBlockParam[] {
  const turn: ContentBlockParam[] = [];
  for (const block of content) {
    if (block.type === "text" && block.text !== "") turn.push({ type: "text", text: block.text });
    else if (block.type === "tool_use")
      turn.push({ type: "tool_use", id: block.id, name: block.name, input: block.input });
  }
  return turn;
}

export interface ToolRound {
  results: ToolResultBlockParam[];
  /** Calls that reached `runTool` in this round. */
  ran: number;
  /** Names of the tools run, for logs (inputs and results are never logged). */
  names: string[];
}

/**
 * Answers every tool_use block of one response: through `runTool` while the per-message budget lasts
 * (`used` calls so far), with an is_error "tool budget exhausted" result after it. Every tool_use needs a
 * tool_result in the next user turn, or the API rejects the request. `runTool` is the only thing run:
 * the model's name and input go to it unchanged, and it decides what (if anything) is allowed.
 */
export async function runToolCalls(
  content: readonly ContentBlock[],
  actions: ModelActions,
  used: number,
): Promise<ToolRound> {
  const round: ToolRound = { results: [], ran: 0, names: [] };
  const offered = new Set(actions.tools.map((t) => t.name));
  for (const block of content) {
    if (block.type !== "tool_use") continue;
    if (used + round.ran >= MAX_TOOL_CALLS) {
      round.results.push({
        type: "tool_result",
        tool_use_id: block.id,
        content: JSON.stringify({ error: BUDGET_EXHAUSTED }),
        is_error: true,
      });
      continue;
    }
    round.ran += 1;
    round.names.push(offered.has(block.name) ? block.name : "unknown_tool");
    const result = await actions
      .runTool(block.name, block.input)
      .catch(() => ({ ok: false, content: { error: "the tool failed" } }));
    round.results.push({
      type: "tool_result",
      tool_use_id: block.id,
      content: resultText(result.content),
      ...(result.ok ? {} : { is_error: true }),
    });
  }
  return round;
}

function resultText(content: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(content ?? null) ?? "null";
  } catch {
    text = JSON.stringify({ error: "the tool result could not be serialized" });
  }
  return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)} …(truncated)` : text;
}
