import type { MessagesRequestBody } from "../anthropic-mock.ts";

type Block = { type: string; id?: string; tool_use_id?: string };

const blocksOf = (content: MessagesRequestBody["messages"][number]["content"]): Block[] =>
  typeof content === "string" ? [] : content;

/**
 * The tool-use rules the real Messages API enforces with a 400 invalid_request_error
 * (platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use): tool_use/tool_result
 * blocks need `tools` in the request, and every tool_use in an assistant turn needs a tool_result with
 * its id in the very next user turn (and no tool_result without its tool_use). Null when the body is fine.
 */
export function toolProtocolError(body: MessagesRequestBody): string | null {
  const hasToolBlocks = body.messages.some((m) =>
    blocksOf(m.content).some((b) => b.type === "tool_use" || b.type === "tool_result"),
  );
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (hasToolBlocks && tools.length === 0)
    return "Requests which include `tool_use` or `tool_result` blocks must define tools.";
  for (const [index, message] of body.messages.entries()) {
    const previous = index > 0 ? body.messages[index - 1] : undefined;
    const asked =
      previous?.role === "assistant"
        ? blocksOf(previous.content)
            .filter((b) => b.type === "tool_use")
            .map((b) => b.id)
        : [];
    const answered =
      message.role === "user"
        ? blocksOf(message.content)
            .filter((b) => b.type === "tool_result")
            .map((b) => b.tool_use_id)
        : [];
    const missing = asked.filter((id) => !answered.includes(id));
    if (missing.length > 0)
      return (
        `messages.${index}: \`tool_use\` ids were found without \`tool_result\` ` +
        `blocks immediately after: ${missing.join(", ")}`
      );
    const orphan = answered.filter((id) => !asked.includes(id));
    if (orphan.length > 0)
      return `messages.${index}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${orphan.join(", ")}`;
  }
  const last = body.messages.at(-1);
  if (last?.role === "assistant" && blocksOf(last.content).some((b) => b.type === "tool_use")) {
    return (
      `messages.${body.messages.length - 1}: \`tool_use\` ids were found ` +
      `without \`tool_result\` blocks immediately after`
    );
  }
  return null;
}
