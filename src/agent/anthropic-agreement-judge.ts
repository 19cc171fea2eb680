import type { Env } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { AgreementJudge, JudgeInput, JudgeResult } from "../ports/agreement-judge.ts";
import type { ModelCallUsage } from "../ports/model.ts";
import { AGREEMENT_JUDGE_RUBRIC, agreementJudgeMessage } from "./agreement-judge-prompt.ts";
import { type AnthropicClient, anthropicClient } from "./anthropic-client.ts";
import { AnthropicApiError } from "./anthropic-errors.ts";

/** A verdict is one short JSON object. */
const MAX_TOKENS = 64;
const TIMEOUT_MS = 20_000;

/**
 * The agreement judge on the Claude Messages API: the fixed rubric as the system prompt, both
 * replies as delimited data, a JSON verdict back. Every failure (API error, refusal, anything but a
 * verdict) is a typed result with the tokens it still used; nothing throws.
 */
export class AnthropicAgreementJudge implements AgreementJudge {
  readonly #client: AnthropicClient;
  readonly #log: Logger;

  constructor(options: { apiKey: string; baseURL?: string; logger: Logger; fetch?: typeof fetch }) {
    this.#log = options.logger.child({ model_provider: "anthropic", purpose: "agreement_judge" });
    this.#client = anthropicClient({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      log: this.#log,
      timeoutMs: TIMEOUT_MS,
    });
  }

  async judge(input: JudgeInput): Promise<JudgeResult> {
    const started = Date.now();
    try {
      const message = await this.#client.createMessage({
        model: input.model,
        max_tokens: MAX_TOKENS,
        system: AGREEMENT_JUDGE_RUBRIC,
        messages: [{ role: "user", content: agreementJudgeMessage(input.proposed, input.human) }],
      });
      const usage: ModelCallUsage = {
        model: message.model || input.model,
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
        cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
        cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
      };
      const text = message.content.map((b) => (b.type === "text" ? b.text : "")).join("");
      const verdict = /"verdict"\s*:\s*"(agree|disagree)"/.exec(text)?.[1];
      const fields = { model: input.model, latency_ms: Date.now() - started, stop_reason: message.stop_reason };
      if (!verdict) {
        this.#log.warn("agreement judge gave no verdict", fields);
        return { ok: false, detail: `no verdict (stop_reason ${message.stop_reason})`, usage };
      }
      this.#log.info("agreement judged", { ...fields, verdict });
      return { ok: true, agrees: verdict === "agree", usage };
    } catch (error) {
      const detail = error instanceof AnthropicApiError ? `HTTP ${error.status ?? "unreachable"}` : "request failed";
      this.#log.warn("agreement judge failed", { model: input.model, latency_ms: Date.now() - started, detail });
      return { ok: false, detail };
    }
  }
}

/** Null without ANTHROPIC_API_KEY: the judge is then never called, whatever the setting says. */
export function agreementJudgeFromEnv(
  env: Pick<Env, "ANTHROPIC_API_KEY" | "ANTHROPIC_BASE_URL">,
  logger: Logger,
): AnthropicAgreementJudge | null {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return null;
  const baseURL = env.ANTHROPIC_BASE_URL?.trim();
  return new AnthropicAgreementJudge({ apiKey, logger, ...(baseURL ? { baseURL: baseURL.replace(/\/+$/, "") } : {}) });
}
