import { delay, http, HttpResponse, type RequestHandler } from "msw";
import { toWireOutput } from "../../src/agent/model-output-wire.ts";
import type { ModelReply } from "./anthropic-mock/replies.ts";
import { toolProtocolError } from "./anthropic-mock/tool-blocks.ts";

export { modelReplies, sampleModelOutput, type ModelReply, type StopReason } from "./anthropic-mock/replies.ts";

/** The parts of a Messages API request body the tests read; everything else is kept as sent. */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  system?: Array<{ type: "text"; text: string; cache_control?: { type: string } }> | string;
  messages: Array<{ role: string; content: string | Array<MessagesContentBlock> }>;
  output_config?: { format?: { type: string; schema?: unknown } };
  tools?: Array<{ name: string; description?: string; input_schema: unknown }>;
  tool_choice?: { type: string; name?: string };
  [key: string]: unknown;
}

/** A content block as sent: text, image (user turns), tool_use (assistant turns) or tool_result (user turns). */
export interface MessagesContentBlock {
  type: string;
  text?: string;
  source?: { type?: string; media_type?: string; data?: string };
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

export interface RecordedModelCall {
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The key sent as `x-api-key` or as `Authorization: Bearer` (other clients send the latter); null when neither. */
  apiKey: string | null;
  body: MessagesRequestBody;
  at: string;
  /** The image blocks of the user turns, in order, each with the text block just before it (its label). */
  images: SentImage[];
}

export interface SentImage {
  mediaType: string;
  /** Decoded size of the base64 data. */
  bytes: number;
  /** The text block right before the image (how the prompt introduced it), or null. */
  label: string | null;
}

export interface AnthropicMock {
  readonly baseUrl: string;
  readonly handlers: RequestHandler[];
  /** Every call received, oldest first (retries included). */
  readonly requests: RecordedModelCall[];
  /** Answer the next calls with these replies, in order. */
  answerNext(...replies: ModelReply[]): void;
  /**
   * What calls get when nothing is queued: a reply or a function of the call (e.g. recorded outputs
   * chosen by the customer message). Default: a 500 with `x-should-retry: false` saying nothing was queued.
   */
  setFallback(reply: ModelReply | ((call: RecordedModelCall) => ModelReply)): void;
  /** Queue, fallback, recorded calls and the prompt cache back to the start. */
  reset(): void;
}

/**
 * The API's smallest cacheable prefix for Sonnet models
 * (platform.claude.com/docs/en/build-with-claude/prompt-caching).
 */
const MIN_CACHEABLE_TOKENS = 1024;
const NOTHING_QUEUED: ModelReply = {
  kind: "error",
  status: 500,
  errorType: "api_error",
  headers: { "x-should-retry": "false" },
};

/**
 * A fake Claude Messages API (`POST {baseUrl}/v1/messages`, default https://api.anthropic.com). It
 * checks what the real API rejects (no API key, no `anthropic-version`, no model/max_tokens/messages,
 * unpaired tool_use/tool_result blocks), answers in the API's response shape, and simulates prompt
 * caching: the tools and the system prefix up to the last `cache_control` block (the API caches tools,
 * then system, then messages) are written on first use and read afterwards (token counts are chars / 4).
 */
export function createAnthropicMock(options: { baseUrl?: string } = {}): AnthropicMock {
  const baseUrl = (options.baseUrl ?? "https://api.anthropic.com").replace(/\/+$/, "");
  const requests: RecordedModelCall[] = [];
  const queue: ModelReply[] = [];
  const cache = new Set<string>();
  let fallback: ModelReply | ((call: RecordedModelCall) => ModelReply) = NOTHING_QUEUED;
  let counter = 0;

  const handler = http.post(`${baseUrl}/v1/messages`, async ({ request }) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const body = (await request.json().catch(() => null)) as MessagesRequestBody | null;
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1];
    const apiKey = headers["x-api-key"] ?? bearer ?? null;
    const call: RecordedModelCall = {
      url: request.url,
      headers,
      apiKey,
      body: body ?? ({} as MessagesRequestBody),
      at: new Date().toISOString(),
      images: body && Array.isArray(body.messages) ? sentImages(body) : [],
    };
    requests.push(call);
    if (!apiKey) return errorResponse(401, "authentication_error", "x-api-key header is required");
    if (!headers["anthropic-version"])
      return errorResponse(400, "invalid_request_error", "anthropic-version: header is required");
    if (
      !body ||
      typeof body.model !== "string" ||
      typeof body.max_tokens !== "number" ||
      !Array.isArray(body.messages) ||
      body.messages.length === 0
    ) {
      return errorResponse(400, "invalid_request_error", "model, max_tokens and messages are required");
    }
    const toolError = toolProtocolError(body);
    if (toolError) return errorResponse(400, "invalid_request_error", toolError);
    const imageError = imageBlockError(body);
    if (imageError) return errorResponse(400, "invalid_request_error", imageError);
    const reply = queue.shift() ?? (typeof fallback === "function" ? fallback(call) : fallback);
    return answer(reply, body);
  });

  async function answer(reply: ModelReply, body: MessagesRequestBody): Promise<Response> {
    if (reply.kind === "delay") {
      await delay(reply.ms);
      return answer(reply.then, body);
    }
    if (reply.kind === "error") {
      const message =
        reply === NOTHING_QUEUED ? "anthropic mock: no reply queued for this call" : `mock ${reply.errorType}`;
      return errorResponse(reply.status, reply.errorType, message, reply.headers);
    }
    counter += 1;
    if (reply.kind === "tool_use") {
      const content = [
        ...(reply.text ? [{ type: "text", text: reply.text }] : []),
        ...reply.calls.map((c, i) => ({
          type: "tool_use",
          id: c.id ?? `toolu_mock${String(counter).padStart(6, "0")}${i}`,
          name: c.name,
          input: c.input,
        })),
      ];
      return messageResponse(body, content, "tool_use", JSON.stringify(content).length);
    }
    const text = reply.kind === "output" ? JSON.stringify(toWireOutput(reply.output)) : reply.text;
    const stopReason =
      reply.kind === "refusal" ? "refusal" : reply.kind === "text" ? (reply.stopReason ?? "end_turn") : "end_turn";
    return messageResponse(body, text === "" ? [] : [{ type: "text", text }], stopReason, text.length);
  }

  function messageResponse(
    body: MessagesRequestBody,
    content: unknown[],
    stopReason: string,
    outputChars: number,
  ): Response {
    return HttpResponse.json(
      {
        id: `msg_mock${String(counter).padStart(6, "0")}`,
        type: "message",
        role: "assistant",
        model: body.model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { ...usageFor(body), output_tokens: Math.max(1, Math.ceil(outputChars / 4)), service_tier: "standard" },
      },
      { headers: { "request-id": `req_mock${String(counter).padStart(6, "0")}` } },
    );
  }

  function usageFor(body: MessagesRequestBody) {
    const system =
      typeof body.system === "string" ? [{ type: "text" as const, text: body.system }] : (body.system ?? []);
    const lastCached = system.map((b) => Boolean(b.cache_control)).lastIndexOf(true);
    const prefix =
      (body.tools ? JSON.stringify(body.tools) : "") +
      system
        .slice(0, lastCached + 1)
        .map((b) => b.text)
        .join("");
    const prefixTokens = Math.ceil(prefix.length / 4);
    const rest =
      system
        .slice(lastCached + 1)
        .map((b) => b.text)
        .join("") + JSON.stringify(body.messages);
    const restTokens = Math.ceil(rest.length / 4);
    if (lastCached < 0 || prefixTokens < MIN_CACHEABLE_TOKENS) {
      return { input_tokens: prefixTokens + restTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    }
    const key = `${body.model}\u0000${prefix}`;
    const hit = cache.has(key);
    cache.add(key);
    return {
      input_tokens: restTokens,
      cache_creation_input_tokens: hit ? 0 : prefixTokens,
      cache_read_input_tokens: hit ? prefixTokens : 0,
    };
  }

  return {
    baseUrl,
    handlers: [handler],
    requests,
    answerNext: (...replies) => void queue.push(...replies),
    setFallback: (reply) => {
      fallback = reply;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      cache.clear();
      fallback = NOTHING_QUEUED;
    },
  };
}

function errorResponse(status: number, type: string, message: string, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(
    { type: "error", error: { type, message }, request_id: `req_mockerror${status}` },
    { status, headers: { "request-id": `req_mockerror${status}`, ...headers } },
  );
}

/** The Messages API's image formats and its per-image limit (vision: 5 MB). */
const IMAGE_MEDIA_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

function userBlocks(body: MessagesRequestBody): MessagesContentBlock[] {
  return body.messages.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content : []));
}

function sentImages(body: MessagesRequestBody): SentImage[] {
  const blocks = userBlocks(body);
  return blocks.flatMap((block, i) => {
    if (block.type !== "image") return [];
    const before = blocks[i - 1];
    return [
      {
        mediaType: block.source?.media_type ?? "",
        bytes: Buffer.from(block.source?.data ?? "", "base64").byteLength,
        label: before?.type === "text" ? (before.text ?? null) : null,
      },
    ];
  });
}

/** What the real API refuses in an image block: another source type, format, bad base64 or over 5 MB. */
function imageBlockError(body: MessagesRequestBody): string | null {
  for (const block of userBlocks(body)) {
    if (block.type !== "image") continue;
    const source = block.source;
    if (source?.type !== "base64") return "image source: only base64 is accepted by this mock";
    if (!IMAGE_MEDIA_TYPES.has(source.media_type ?? ""))
      return `image source.media_type: ${source.media_type} is not supported`;
    const data = source.data ?? "";
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return "image source.data: invalid base64";
    if (Buffer.from(data, "base64").byteLength > MAX_IMAGE_BYTES) return "image exceeds 5 MB maximum";
  }
  return null;
}
