import type { Logger } from "../lib/logger.ts";
import { isPublicHttpsUrl } from "../lib/public-https-url.ts";
import type { StateStore } from "../state/state-store.ts";
import { bytesToHex } from "../lib/bytes-to-hex.ts";

/** How the on-call notification is sent: the signing secret and a local receiver (Worker vars). */
export interface OnCallWebhookConfig {
  /** `ON_CALL_WEBHOOK_SECRET`: signs each notification (HMAC-SHA256); null sends it unsigned. */
  secret: string | null;
  /**
   * `ON_CALL_WEBHOOK_LOCAL_URL`: an http://127.0.0.1 or http://localhost receiver that replaces the
   * on_call_webhook_url setting, for local demos and tests only. Set by whoever deploys, never by settings.
   */
  localUrl: string | null;
}

/** What the on-call receiver gets: ids and codes only, never the customer's message. */
export interface OnCallNotice {
  ticketId: string;
  ticketUrl: string;
  reasons: string[];
  platform: string;
  account: string;
  /** The customer comment that escalated: with the ticket id, the receiver's dedupe key. */
  commentId: string;
  at: string;
}

export type OnCallResult =
  | { status: "sent"; httpStatus: number }
  | { status: "already_sent" }
  | { status: "failed"; detail: string };

const TIMEOUT_MS = 3000;
const ONCE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * POSTs the notice once per escalating comment: a claim in the state store is taken before sending,
 * so a retried job never notifies twice, and dropped when the send failed, so a job that decides again
 * may try again. Redirects are not followed, the call times out after 3 s, and a failure is returned
 * (to be stated in the note), never thrown: the escalation goes on without it.
 */
export async function notifyOnCall(args: {
  url: string;
  notice: OnCallNotice;
  config: OnCallWebhookConfig;
  store: StateStore;
  log: Logger;
}): Promise<OnCallResult> {
  const { notice, config, store, log } = args;
  const url = config.localUrl && isLocalReceiver(config.localUrl) ? config.localUrl : args.url;
  if (url !== config.localUrl && !isPublicHttpsUrl(url))
    return { status: "failed", detail: "URL refused (not public https)" };
  const claim = store.key("on-call", notice.ticketId, notice.commentId);
  if (!(await store.kv.setIfAbsent(claim, notice.at, ONCE_TTL_SECONDS))) return { status: "already_sent" };
  const body = JSON.stringify(notice);
  const started = Date.now();
  try {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (config.secret) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers["x-deskmate-timestamp"] = timestamp;
      headers["x-deskmate-signature"] = `sha256=${await hmacHex(config.secret, `${timestamp}.${body}`)}`;
    }
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ms = Date.now() - started;
    if (response.status >= 200 && response.status < 300) {
      log.info("on-call notified", { ticketId: notice.ticketId, httpStatus: response.status, ms });
      return { status: "sent", httpStatus: response.status };
    }
    log.warn("on-call notification refused", { ticketId: notice.ticketId, httpStatus: response.status, ms });
    await store.kv.delete(claim).catch(() => undefined);
    return { status: "failed", detail: `HTTP ${response.status}` };
  } catch (error) {
    const detail = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
    log.warn("on-call notification failed", { ticketId: notice.ticketId, detail, ms: Date.now() - started });
    await store.kv.delete(claim).catch(() => undefined);
    return { status: "failed", detail };
  }
}

function isLocalReceiver(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
  } catch {
    return false;
  }
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message));
  return bytesToHex(signature);
}
