/**
 * The few Redis commands the store sends, over Upstash's REST API (upstash.com/docs/redis/features/restapi):
 * one command per `POST {url}` as a JSON array, `Authorization: Bearer {token}`, and the answer
 * `{"result": …}` or `{"error": "…"}`. It replaced @upstash/redis (about 90 KiB of the worker's bundle),
 * keeping what the store relied on: values come back as the strings stored (no JSON parsing), a timeout
 * per request, and one retry 50 ms after a failed connection (never after a timeout). An answer with an
 * error is not retried: the command reached Redis, or the token is wrong.
 */
export interface UpstashRedis {
  /** `SET key value EX ex [NX]`: "OK", or null when NX found the key. */
  set(key: string, value: string, options: { ex: number; nx?: true }): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  ping(): Promise<unknown>;
}

export interface UpstashRestOptions {
  url: string;
  token: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** An error answer from the REST API (HTTP status and Redis's message); never carries the command. */
export class UpstashRestError extends Error {
  override readonly name = "UpstashRestError";
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const RETRY_DELAY_MS = 50;

export function upstashRestClient(options: UpstashRestOptions): UpstashRedis {
  // Called through a closure: workerd throws "Illegal invocation" when fetch is detached from globalThis.
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const url = options.url.replace(/\/+$/, "");

  const post = (command: string[]) =>
    fetchFn(url, {
      method: "POST",
      headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
      body: JSON.stringify(command),
      signal: AbortSignal.timeout(options.timeoutMs),
    });

  const send = async (command: string[]): Promise<unknown> => {
    let response: Response;
    try {
      response = await post(command);
    } catch (error) {
      // A timed-out command may have run (an INCRBY would count twice) and a second wait would double the
      // webhook's worst case: only a connection that failed is tried once more.
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      response = await post(command);
    }
    const text = await response.text();
    let body: { result?: unknown; error?: unknown } | null = null;
    try {
      body = JSON.parse(text) as { result?: unknown; error?: unknown };
    } catch {
      // Not JSON (a proxy's error page): reported by status below.
    }
    if (!response.ok || body === null || typeof body !== "object" || "error" in body) {
      const reason = body && typeof body.error === "string" ? body.error : "unreadable answer";
      throw new UpstashRestError(response.status, `HTTP ${response.status}: ${reason.slice(0, 200)}`);
    }
    return body.result ?? null;
  };

  return {
    set: (key, value, { ex, nx }) => send(["SET", key, value, "EX", String(ex), ...(nx ? ["NX"] : [])]),
    get: async (key) => {
      const value = await send(["GET", key]);
      return value === null ? null : String(value);
    },
    del: (key) => send(["DEL", key]),
    eval: (script, keys, args) => send(["EVAL", script, String(keys.length), ...keys, ...args]),
    ping: () => send(["PING"]),
  };
}
