import type { Env } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { ActionBudget } from "./action-budget.ts";
import type { PreparedCall } from "./authorize-action.ts";
import { describeCall } from "./describe-call.ts";
import { fillUrlTemplate } from "./fill-url-template.ts";
import { idempotencyKey } from "./idempotency-key.ts";
import type { RequesterIdentity } from "./requester-identity.ts";

export const ACTIONS_BASE_URL_VAR = "DESKMATE_ACTIONS_BASE_URL";

export interface RunActionDeps {
  fetch: typeof fetch;
  /** Worker secrets and vars by name; see `readFromEnv`. */
  readEnv: (name: string) => string | undefined;
  logger: Logger;
}

export interface RunActionInput {
  /** Only what `authorizeAction` returned with decision "allow". */
  call: PreparedCall;
  /** From the helpdesk context; the only source of identity in the request. */
  requester: RequesterIdentity;
  ticketId: string;
  /** The message's budget; a refused call sends nothing. */
  budget?: ActionBudget;
}

export type ActionErrorCode =
  | "budget"
  | "config"
  | "timeout"
  | "network"
  | "server_error"
  | "rejected"
  | "invalid_response";

export type ActionResult =
  | { ok: true; status: number; data: unknown; attempted: string; attempts: number; idempotencyKey: string | null }
  | {
      ok: false;
      /** The backend's HTTP status; null when no response arrived. */
      status: number | null;
      error: { code: ActionErrorCode; message: string };
      /** "unknown": a write may have happened (timeout or 5xx after sending); it is not retried. */
      outcome: "failed" | "unknown";
      attempted: string;
      attempts: number;
      idempotencyKey: string | null;
    };

/**
 * Execute one authorized call against the company's backend. Reads retry once on 5xx, timeout or
 * network error; writes are sent exactly once with an Idempotency-Key and never retried, because a
 * timeout says nothing about whether the backend acted.
 */
export async function runAction(input: RunActionInput, deps: RunActionDeps): Promise<ActionResult> {
  const { call, requester, ticketId } = input;
  const { action } = call;
  const attempted = describeCall(call);
  const key = action.kind === "write" ? await idempotencyKey(ticketId, action.name, call.parameters) : null;
  const fail = (
    code: ActionErrorCode,
    message: string,
    status: number | null,
    attempts: number,
    outcome: "failed" | "unknown" = "failed",
  ): ActionResult => {
    deps.logger.warn("action failed", { action: action.name, kind: action.kind, code, status, attempts, outcome });
    return { ok: false, status, error: { code, message }, outcome, attempted, attempts, idempotencyKey: key };
  };

  const refusal = input.budget?.take(call);
  if (refusal) return fail("budget", `refused by the per-message budget: ${refusal}`, null, 0);
  const url = fillUrlTemplate(
    action.request.url,
    call.parameters,
    requester,
    deps.readEnv(ACTIONS_BASE_URL_VAR) ?? null,
  );
  if (!url) return fail("config", `no URL for ${action.name}: set ${ACTIONS_BASE_URL_VAR} or a missing value`, null, 0);

  const headers: Record<string, string> = { accept: "application/json" };
  const auth = action.request.auth;
  if (auth) {
    const secret = deps.readEnv(auth.secret);
    if (!secret)
      return fail("config", `secret ${auth.secret} is not set (wrangler secret put ${auth.secret})`, null, 0);
    headers[auth.header] = `${auth.scheme ?? ""}${secret}`;
  }
  let body: string | undefined;
  if (action.request.method !== "GET") {
    headers["content-type"] = "application/json";
    body = JSON.stringify({
      ...call.parameters,
      requester: { email: requester.email, external_id: requester.externalId, helpdesk_id: requester.helpdeskId },
    });
  }
  if (key) headers["idempotency-key"] = key;

  const maxAttempts = action.kind === "read" ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    const sent = await send(
      deps.fetch,
      url,
      { method: action.request.method, headers, ...(body === undefined ? {} : { body }) },
      action.timeoutMs,
    );
    const last = attempt >= maxAttempts;
    if (sent.kind === "response") {
      const { response } = sent;
      if (response.ok) {
        const data = await readJson(response);
        if (data === INVALID)
          return fail(
            "invalid_response",
            "the backend's answer is not JSON",
            response.status,
            attempt,
            action.kind === "write" ? "unknown" : "failed",
          );
        deps.logger.info("action done", {
          action: action.name,
          kind: action.kind,
          status: response.status,
          attempts: attempt,
          ms: Date.now() - started,
        });
        return { ok: true, status: response.status, data, attempted, attempts: attempt, idempotencyKey: key };
      }
      if (response.status < 500)
        return fail("rejected", `the backend refused (${response.status})`, response.status, attempt);
      if (last)
        return fail(
          "server_error",
          `the backend failed (${response.status})`,
          response.status,
          attempt,
          action.kind === "write" ? "unknown" : "failed",
        );
    } else if (last) {
      const what =
        sent.kind === "timeout" ? `no answer within ${action.timeoutMs} ms` : "the backend could not be reached";
      return fail(sent.kind, what, null, attempt, action.kind === "write" ? "unknown" : "failed");
    }
  }
}

/** Adapter for `RunActionDeps.readEnv` over the Worker's bindings. */
export function readFromEnv(env: Env): (name: string) => string | undefined {
  return (name) => {
    const value = (env as Record<string, unknown>)[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
}

type Sent = { kind: "response"; response: Response } | { kind: "timeout" } | { kind: "network" };

async function send(fetchFn: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Sent> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return { kind: "response", response: await fetchFn(url, { ...init, signal: controller.signal }) };
  } catch {
    return { kind: timedOut ? "timeout" : "network" };
  } finally {
    clearTimeout(timer);
  }
}

const INVALID = Symbol("invalid");

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}
