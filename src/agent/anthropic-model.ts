import type { Settings } from "../config/settings-schema.ts";
import type { Env } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { buildPrompt, type PromptAction } from "./build-prompt.ts";
import type { Model, ModelCallUsage, ModelFailureKind, ModelInput, ModelResult } from "../ports/model.ts";
import { parseWireOutput } from "./model-output-wire.ts";
import { assistantTurn, MAX_TOOL_CALLS, runToolCalls, toApiTools } from "./run-tool-calls.ts";
import { type AnthropicClient, anthropicClient, MAX_RETRIES } from "./anthropic-client.ts";
import {
  AnthropicApiError,
  AnthropicConnectionError,
  AnthropicResponseError,
  AnthropicTimeoutError,
} from "./anthropic-errors.ts";
import type { Message, MessageParam } from "./messages-api.ts";
import { wireOutputFormat } from "./wire-output-format.ts";

export type ModelSettings = Pick<
  Settings,
  "decisionModel" | "handoffModel" | "modelTimeoutSeconds" | "prohibitedPhrases"
> &
  Partial<Pick<Settings, "promptVariant" | "recentTurns" | "olderTurnsBudget">>;

export interface AnthropicModelOptions {
  apiKey: string;
  /** Default https://api.anthropic.com (ANTHROPIC_BASE_URL: a gateway in front of the API). */
  baseURL?: string;
  /** Fixed settings, or a getter read on every call (settings change at run time). */
  settings: ModelSettings | (() => ModelSettings | Promise<ModelSettings>);
  logger: Logger;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Fallback write actions offered to the model when a message brings none (`ModelInput.actions`); none by default. */
  actions?: readonly PromptAction[];
}

export { DEFAULT_ANTHROPIC_BASE_URL, MAX_RETRIES } from "./anthropic-client.ts";
const MAX_TIMEOUT_MS = 30_000;
const MAX_TOKENS = { decide: 2048, handoff: 1024 } as const;
/** MAX_TOOL_CALLS rounds of tool use plus the answer; the loop never makes more calls than this. */
export const MAX_MODEL_CALLS = MAX_TOOL_CALLS + 1;

/**
 * The Model port on the Claude Messages API. Structured output (`output_config.format`), parsed from the
 * answer's first text block only after `stop_reason` is checked: a refusal need not be valid JSON. Every
 * failure becomes a ModelResult; nothing throws.
 */
export class AnthropicModel implements Model {
  readonly #client: AnthropicClient;
  readonly #settings: () => ModelSettings | Promise<ModelSettings>;
  readonly #log: Logger;
  readonly #actions: readonly PromptAction[];

  constructor(options: AnthropicModelOptions) {
    const { settings } = options;
    this.#settings = typeof settings === "function" ? settings : () => settings;
    this.#log = options.logger.child({ model_provider: "anthropic" });
    this.#actions = options.actions ?? [];
    this.#client = anthropicClient({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      log: this.#log,
      timeoutMs: MAX_TIMEOUT_MS,
    });
  }

  /**
   * One decision: up to MAX_MODEL_CALLS Messages API calls when read tools are offered (tool use, then
   * the structured output), a single call otherwise. The failure mapping applies to every call.
   */
  async propose(input: ModelInput): Promise<ModelResult> {
    const started = Date.now();
    let model = "unknown";
    try {
      // A canary decision brings its own models and prompt variant; everything else is the account's.
      const own = await this.#settings();
      const settings = input.configuration ? { ...own, ...input.configuration } : own;
      model = input.model ?? (input.purpose === "handoff" ? settings.handoffModel : settings.decisionModel);
      const actions = input.actions;
      const prompt = buildPrompt(input, settings, this.#actions);
      // Tools only on the decision: the handoff call just enriches an escalation that is already decided.
      const tools =
        input.purpose === "decide" && actions && actions.tools.length > 0 ? toApiTools(actions.tools) : null;
      const messages: MessageParam[] = [...prompt.messages];
      const usage: ModelCallUsage = { model, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
      let toolCalls = 0;
      const toolNames: string[] = [];
      let calls = 0;
      for (;;) {
        calls += 1;
        // The last call keeps `tools` (the API rejects tool_use/tool_result blocks in a request without
        // them) but sets tool_choice none, so the model must answer with the structured output.
        const last = tools !== null && (toolCalls >= MAX_TOOL_CALLS || calls === MAX_MODEL_CALLS);
        const message = await this.#client.createMessage(
          {
            model,
            max_tokens: MAX_TOKENS[input.purpose],
            system: prompt.system,
            messages,
            // Built on the first call, then kept: an isolate that never calls the model never builds it.
            output_config: { format: wireOutputFormat() },
            ...(tools ? { tools, ...(last ? { tool_choice: { type: "none" as const } } : {}) } : {}),
          },
          { timeoutMs: timeoutMs(settings.modelTimeoutSeconds) },
        );
        usage.inputTokens += message.usage.input_tokens;
        usage.outputTokens += message.usage.output_tokens;
        usage.cacheReadTokens += message.usage.cache_read_input_tokens ?? 0;
        usage.cacheWriteTokens += message.usage.cache_creation_input_tokens ?? 0;
        // The model that answered (an alias resolves to a dated id); it is what the call is billed as.
        usage.model = message.model || model;
        const logFields = {
          model,
          purpose: input.purpose,
          latency_ms: Date.now() - started,
          stop_reason: message.stop_reason,
          // Token counts; not named "*_tokens": the logger redacts fields whose names contain "token".
          usage_input: usage.inputTokens,
          usage_output: usage.outputTokens,
          usage_cache_read: usage.cacheReadTokens,
          usage_cache_write: usage.cacheWriteTokens,
          // The customer's images by count only: their bytes never reach the logs.
          ...(prompt.messages.some((m) => typeof m.content !== "string") ? { images: input.images?.length ?? 0 } : {}),
          // Names and counts only: tool inputs and results can hold the customer's data.
          ...(tools ? { model_calls: calls, tool_calls: toolCalls, tool_names: toolNames.join(",") } : {}),
        };
        const wantsTools = message.stop_reason === "tool_use" && message.content.some((b) => b.type === "tool_use");
        if (wantsTools && tools && actions && !last) {
          const round = await runToolCalls(message.content, actions, toolCalls);
          toolCalls += round.ran;
          toolNames.push(...round.names);
          messages.push(
            { role: "assistant", content: assistantTurn(message.content) },
            { role: "user", content: round.results },
          );
          continue;
        }
        if (message.stop_reason === "refusal")
          return this.#fail("refusal", "the model declined to answer (stop_reason refusal)", logFields, usage);
        if (message.stop_reason === "tool_use")
          return this.#fail("schema_violation", "the model asked for a tool instead of answering", logFields, usage);
        const parsed = parseFirstText(message);
        if (!parsed)
          return this.#fail(
            "schema_violation",
            `no text output (stop_reason ${message.stop_reason})`,
            logFields,
            usage,
          );
        if (!parsed.ok) {
          const truncated = message.stop_reason === "max_tokens" ? " (cut off at max_tokens)" : "";
          return this.#fail("schema_violation", `${parsed.detail}${truncated}`, logFields, usage);
        }
        this.#log.info("model call succeeded", { ...logFields, outcome: parsed.output.outcome });
        return { ok: true, output: parsed.output, usage, ...(tools ? { toolCalls } : {}) };
      }
    } catch (error) {
      const [failure, detail] = classify(error);
      return this.#fail(failure, detail, { model, purpose: input.purpose, latency_ms: Date.now() - started });
    }
  }

  #fail(
    failure: ModelFailureKind,
    detail: string,
    fields: Record<string, unknown>,
    usage?: ModelCallUsage,
  ): ModelResult {
    this.#log.warn("model call failed", { ...fields, failure, detail });
    return { ok: false, failure, detail, ...(usage ? { usage } : {}) };
  }
}

/** The setting is checked to be 1..30 s; the cap here keeps a bad value from holding a job for minutes. */
function timeoutMs(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_TIMEOUT_MS) : MAX_TIMEOUT_MS;
}

/** The structured output in the answer's first text block; null when it has none. Never throws. */
function parseFirstText(message: Message): ReturnType<typeof parseWireOutput> | null {
  for (const block of message.content) if (block.type === "text") return parseWireOutput(block.text);
  return null;
}

/** Error class and status only: API error messages can echo parts of the request. */
function classify(error: unknown): [ModelFailureKind, string] {
  if (error instanceof AnthropicTimeoutError)
    return ["timeout", `no answer within the timeout after ${MAX_RETRIES + 1} attempts`];
  if (error instanceof AnthropicConnectionError) return ["api_error", "could not reach the API (connection error)"];
  if (error instanceof AnthropicResponseError)
    return ["api_error", "the API answered with a body that is not a message"];
  if (error instanceof AnthropicApiError)
    return ["api_error", `HTTP ${error.status}${error.errorType ? ` ${error.errorType}` : ""}`];
  return ["api_error", `unexpected ${error instanceof Error ? error.name : typeof error}`];
}

/** Null when ANTHROPIC_API_KEY is unset: callers then escalate every message with `model_error`. */
export function anthropicModelFromEnv(
  env: Pick<Env, "ANTHROPIC_API_KEY" | "ANTHROPIC_BASE_URL">,
  options: Omit<AnthropicModelOptions, "apiKey" | "baseURL">,
): AnthropicModel | null {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return null;
  const baseURL = env.ANTHROPIC_BASE_URL?.trim();
  return new AnthropicModel({ ...options, apiKey, ...(baseURL ? { baseURL: baseURL.replace(/\/+$/, "") } : {}) });
}
