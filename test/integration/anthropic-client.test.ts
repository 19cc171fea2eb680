import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { anthropicClient } from "../../src/agent/anthropic-client.ts";
import {
  AnthropicApiError,
  AnthropicConnectionError,
  AnthropicResponseError,
  AnthropicTimeoutError,
} from "../../src/agent/anthropic-errors.ts";
import { anthropicRetryDelayMs } from "../../src/agent/anthropic-retry-delay.ts";
import type { MessagesRequest } from "../../src/agent/messages-api.ts";
import * as z from "zod";
import { wireOutputSchema } from "../../src/agent/model-output-wire.ts";
import { wireOutputFormat } from "../../src/agent/wire-output-format.ts";
import { strictJsonSchema } from "../support/strict-json-schema.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createAnthropicMock, modelReplies } from "../support/anthropic-mock.ts";
import { useMswServer } from "../support/msw-server.ts";

const mock = createAnthropicMock();
/** A host that fails in ways the mock does not: dropped connections, bodies that are not a message. */
const BROKEN = "https://broken.example.com";
let brokenCalls = 0;
let brokenAnswer: () => Response = () => HttpResponse.error();
useMswServer(
  ...mock.handlers,
  http.post(`${BROKEN}/v1/messages`, () => {
    brokenCalls += 1;
    return brokenAnswer();
  }),
);

const request: MessagesRequest = {
  model: "claude-haiku-5-5",
  max_tokens: 64,
  system: [{ type: "text", text: "You judge.", cache_control: { type: "ephemeral" } }],
  messages: [{ role: "user", content: "Hello" }],
};

function setup(baseURL?: string) {
  const { logger, lines } = createMemoryLogger();
  const waits: number[] = [];
  const client = anthropicClient({
    apiKey: "sk-ant-test",
    ...(baseURL ? { baseURL } : {}),
    log: logger,
    timeoutMs: 20_000,
    // Waits are recorded, not slept: retries run at once and the test reads what would have been waited.
    sleep: async (ms) => void waits.push(ms),
    random: () => 0,
  });
  return { client, lines, waits };
}

beforeEach(() => {
  mock.reset();
  brokenCalls = 0;
});

describe("anthropicClient: the request", () => {
  it("posts the body as given with the key, the pinned version and JSON headers", async () => {
    const { client } = setup();
    mock.answerNext(modelReplies.output());
    const message = await client.createMessage(request);

    const [call] = mock.requests;
    expect(call?.url).toBe("https://api.anthropic.com/v1/messages");
    expect(call?.headers).toMatchObject({
      authorization: "Bearer sk-ant-test",
      "anthropic-version": "2026-10-21",
      "content-type": "application/json",
    });
    expect(call?.headers["x-api-key"]).toBeUndefined();
    expect(call?.body).toEqual(request);
    expect(message).toMatchObject({ type: "message", model: "claude-haiku-5-5", stop_reason: "end_turn" });
    expect(message.content[0]).toMatchObject({ type: "text" });
  });

  it("sends the structured output schema the zod wire schema converts to, byte for byte", () => {
    // src/agent/wire-output-format.json was captured from @anthropic-ai/sdk 1.12.0's zodOutputFormat(wireOutputSchema)
    // and is what the client sends; the conversion runs here, not in the worker. When the wire schema changes on
    // purpose, write the converted value printed by this failure into that file.
    const converted = {
      type: "json_schema",
      schema: strictJsonSchema(z.toJSONSchema(wireOutputSchema, { reused: "ref" }) as Record<string, unknown>),
    };
    expect(wireOutputFormat(), JSON.stringify(converted, null, 2)).toEqual(converted);
  });
});

describe("anthropicClient: retries", () => {
  it("waits what retry-after asks (seconds or an HTTP date), else backs off from 0.5 s to 8 s", () => {
    const now = Date.parse("2026-12-07T06:00:00Z");
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(anthropicRetryDelayMs(0, headers({ "retry-after-ms": "250" }), () => 0, now)).toBe(250);
    expect(anthropicRetryDelayMs(0, headers({ "retry-after": "3" }), () => 0, now)).toBe(3000);
    expect(anthropicRetryDelayMs(0, headers({ "retry-after": "Mon, 07 Dec 2026 06:00:02 GMT" }), () => 0, now)).toBe(
      2000,
    );
    // A date in the past or nonsense falls back to the backoff, jitter taking off at most 25%.
    expect(anthropicRetryDelayMs(1, headers({ "retry-after": "Sun, 06 Dec 2026 06:00:00 GMT" }), () => 0, now)).toBe(
      1000,
    );
    expect(anthropicRetryDelayMs(0, null, () => 0.999, now)).toBeCloseTo(375, 0);
    expect(anthropicRetryDelayMs(9, null, () => 0, now)).toBe(8000);
  });

  it("retries 429 honouring retry-after, logging the status and the wait, not the body", async () => {
    const { client, lines, waits } = setup();
    mock.answerNext(modelReplies.httpError(429, { "retry-after": "2" }), modelReplies.output());
    await client.createMessage(request);
    expect(mock.requests).toHaveLength(2);
    expect(waits).toEqual([2000]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: "model request failed; retrying",
        status: 429,
        error_type: "rate_limit_error",
        attempt: 1,
        delay_ms: 2000,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("Hello");
  });

  it("retries 408 and 409, and obeys x-should-retry either way", async () => {
    const { client } = setup();
    mock.answerNext(
      modelReplies.httpError(408),
      modelReplies.httpError(409),
      modelReplies.output(),
      modelReplies.httpError(400, { "x-should-retry": "true" }),
      modelReplies.output(),
    );
    await client.createMessage(request);
    expect(mock.requests).toHaveLength(3);
    await client.createMessage(request);
    expect(mock.requests).toHaveLength(5);

    mock.answerNext(modelReplies.httpError(503, { "x-should-retry": "false" }));
    await expect(client.createMessage(request)).rejects.toMatchObject({ status: 503, errorType: "api_error" });
    expect(mock.requests).toHaveLength(6);
  });

  it("gives up after two retries with the last status, and never retries a 4xx", async () => {
    const { client, waits } = setup();
    mock.answerNext(...[1, 2, 3].map(() => modelReplies.httpError(529)));
    const overloaded = await client.createMessage(request).catch((error: unknown) => error);
    expect(overloaded).toBeInstanceOf(AnthropicApiError);
    expect(overloaded).toMatchObject({ status: 529, errorType: "overloaded_error" });
    expect(mock.requests).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);

    mock.reset();
    mock.answerNext(modelReplies.httpError(401));
    await expect(client.createMessage(request)).rejects.toMatchObject({ status: 401 });
    expect(mock.requests).toHaveLength(1);
  });

  it("retries a dropped connection, then fails with a connection error carrying no status", async () => {
    const { client } = setup(BROKEN);
    brokenAnswer = () => HttpResponse.error();
    const error = await client.createMessage(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnthropicConnectionError);
    expect(error).not.toBeInstanceOf(AnthropicTimeoutError);
    expect(error).toMatchObject({ status: undefined });
    expect(brokenCalls).toBe(3);
  });

  it("a 200 whose body is not a message fails at once, without a retry", async () => {
    const { client } = setup(BROKEN);
    brokenAnswer = () => HttpResponse.html("<html>gateway</html>");
    await expect(client.createMessage(request)).rejects.toBeInstanceOf(AnthropicResponseError);
    brokenAnswer = () => HttpResponse.json({ type: "message", content: [{ type: "text" }], usage: {} });
    await expect(client.createMessage(request)).rejects.toBeInstanceOf(AnthropicResponseError);
    expect(brokenCalls).toBe(2);
  });
});
