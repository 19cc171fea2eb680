import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";
import { TicketLockedError, toDeskmateError } from "../../lib/errors.ts";
import type { LogFields, Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { TicketState } from "../../domain/ticket-state.ts";
import { applyInboxAction } from "./apply-inbox-action.ts";
import type { CanvasResponse } from "./canvas-kit.ts";
import { INBOX_ACTIONS, renderInboxCanvas, renderUnavailableCanvas, type InboxAction } from "./render-inbox-canvas.ts";
import { rateLatestHandoff, ratingView } from "./rate-latest-handoff.ts";
import { ratingClick } from "./render-rating-lines.ts";
import { verifyCanvasSignature } from "./verify-canvas-signature.ts";

export interface InboxAppDeps {
  /** INTERCOM_CLIENT_SECRET; null or blank refuses every request (503). */
  secret: () => string | null;
  /** The state store of one Intercom workspace (account = the workspace id). */
  storeFor: (workspaceId: string) => StateStore;
  /** The outcome ledger, where handoff ratings go; absent or null hides the rating buttons. */
  ledger?: () => Ledger | null;
  logger: Logger;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;
/** Builds the canvas for a verified, parsed request; records ids and outcome in `trace` for the log line. */
type Answer = (request: CanvasRequest, store: StateStore, trace: LogFields) => Promise<CanvasResponse>;

export const INBOX_APP_PATHS = {
  initialize: "/intercom/canvas/initialize",
  submit: "/intercom/canvas/submit",
} as const;

/** Intercom ids are digit strings; accept JSON numbers too and key the store by the string. */
const digitsId = z
  .union([
    z.string().regex(/^\d{1,30}$/, "expected an id of digits"),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform(String);
const canvasRequest = z.object({
  workspace_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "expected the Intercom workspace id"),
  conversation: z.object({ id: digitsId }),
  admin: z.object({ id: digitsId }),
  component_id: z.string().max(200).optional(),
});
type CanvasRequest = z.infer<typeof canvasRequest>;

const MISSING_SECRET_FIX =
  "Intercom client secret is not configured, so every Canvas Kit request is refused. Fix: run " +
  "`wrangler secret put INTERCOM_CLIENT_SECRET` with the app's client secret (Intercom Developer Hub > your app > " +
  "Basic information); locally, put it in .dev.vars.";
const BUSY_NOTICE =
  "Deskmate is working on this conversation right now, so nothing was changed. Try again in a few seconds.";

/**
 * Canvas Kit Initialize and Submit for the inbox app in the conversation details. Gates: secret
 * configured (503) -> `X-Body-Signature` over the raw body (401) -> JSON + schema (400). The canvas is
 * built from the stored ticket state, plus the teammate's rating of the latest handoff from the ledger.
 * Submit buttons change the state under the ticket lock; a busy lock or an unreachable store answers
 * a canvas that says nothing changed. Rating buttons record the teammate's rating of the latest
 * escalation in the ledger (a second click replaces it). One log line per request with ids and the
 * action, never a body.
 */
export function inboxAppHandlers(deps: InboxAppDeps): { initialize: Handler; submit: Handler } {
  const handle =
    (route: "initialize" | "submit", answer: Answer): Handler =>
    async (c) => {
      const startedAt = performance.now();
      const log = deps.logger.child({ platform: "intercom", route: `canvas_${route}` });
      const trace: LogFields = {};
      const done = (
        status: ContentfulStatusCode,
        body: object,
        level: "info" | "warn" | "error" = status >= 400 ? "warn" : "info",
      ) => {
        log[level]("intercom canvas", { status, ...trace, elapsed_ms: Math.round(performance.now() - startedAt) });
        return c.json(body, status);
      };

      const secret = readSecret(deps.secret);
      if (secret === "") {
        log.error(MISSING_SECRET_FIX, { fix: "wrangler secret put INTERCOM_CLIENT_SECRET" });
        return done(
          503,
          { error: "canvas_secret_missing", message: "the Intercom client secret is not configured on this worker" },
          "error",
        );
      }
      const rawBody = await c.req.text();
      if (!(await verifyCanvasSignature({ rawBody, signature: c.req.header("x-body-signature"), secret }))) {
        trace.outcome = c.req.header("x-body-signature") ? "bad_signature" : "missing_signature";
        return done(401, { error: trace.outcome, message: "X-Body-Signature does not match the body" });
      }
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        trace.outcome = "invalid_json";
        return done(400, { error: "invalid_json", message: "the body is not valid JSON" });
      }
      const parsed = canvasRequest.safeParse(json);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => ({
          name: issue.path.join(".") || "(body)",
          message: issue.message,
        }));
        trace.outcome = "invalid_payload";
        return done(400, { error: "invalid_payload", message: "not a Canvas Kit inbox request", fields });
      }
      const request = parsed.data;
      Object.assign(trace, {
        workspace_id: request.workspace_id,
        conversation_id: request.conversation.id,
        admin_id: request.admin.id,
      });
      try {
        return done(200, await answer(request, deps.storeFor(request.workspace_id), trace));
      } catch (error) {
        const failure = toDeskmateError(error);
        Object.assign(trace, { outcome: "store_unavailable", error_code: failure.code, error: failure });
        return done(200, renderUnavailableCanvas(), "error");
      }
    };

  const ledger = () => deps.ledger?.() ?? null;
  const ratingDeps = (request: CanvasRequest, trace: LogFields) => ({
    ledger: ledger(),
    target: { workspaceId: request.workspace_id, rater: request.admin.id },
    trace,
    now: deps.now ?? (() => new Date()),
  });

  const initialize = handle("initialize", async (request, store, trace) => {
    trace.outcome = "shown";
    const state = await store.getTicketState(request.conversation.id);
    const rating = await ratingView(ratingDeps(request, trace), state);
    return renderInboxCanvas(state, rating ? { rating } : {});
  });

  const submit = handle("submit", async (request, store, trace) => {
    const conversationId = request.conversation.id;
    const click = ratingClick(request.component_id ?? "");
    if (click !== null) {
      const state = await store.getTicketState(conversationId);
      const rating = await rateLatestHandoff(ratingDeps(request, trace), state, click);
      return renderInboxCanvas(state, rating ? { rating } : {});
    }
    const action = asAction(request.component_id);
    if (action === null) {
      Object.assign(trace, { outcome: "unknown_component", component_id: request.component_id?.slice(0, 50) ?? null });
      return renderInboxCanvas(await store.getTicketState(conversationId));
    }
    trace.action = action;
    let state: TicketState;
    try {
      state = await store.withTicketLock(conversationId, async (lease) => {
        const before = await store.getTicketState(conversationId);
        const after = applyInboxAction(before, action);
        trace.changed = JSON.stringify(after) !== JSON.stringify(before);
        if (trace.changed) await store.putTicketState(conversationId, after, lease);
        return after;
      });
    } catch (error) {
      if (!(error instanceof TicketLockedError)) throw error;
      trace.outcome = "busy";
      return renderInboxCanvas(await store.getTicketState(conversationId), {
        notice: { text: BUSY_NOTICE, style: "error" },
      });
    }
    trace.outcome = "applied";
    const rating = await ratingView(ratingDeps(request, trace), state);
    return renderInboxCanvas(state, rating ? { rating } : {});
  });

  return { initialize, submit };
}

function asAction(componentId: string | undefined): InboxAction | null {
  return (INBOX_ACTIONS as readonly string[]).includes(componentId ?? "") ? (componentId as InboxAction) : null;
}

function readSecret(secret: () => string | null): string {
  try {
    return secret()?.trim() ?? "";
  } catch {
    return "";
  }
}
