import { Hono } from "hono";
import type { SettingsLoad } from "../config/load-settings.ts";
import type { Ledger } from "../ports/ledger.ts";
import { ADMIN_DECISIONS_PATHS, adminDecisionsHandlers } from "./admin/admin-decisions-route.ts";
import { ADMIN_DRIFT_PATHS, adminDriftHandlers } from "./admin/admin-drift-route.ts";
import type { DriftLedger } from "../ports/drift-ledger.ts";
import { ADMIN_GUARD_PATHS, adminGuardHandlers } from "./admin/admin-guard-route.ts";
import { ADMIN_METRICS_PATH, adminMetricsHandler } from "./admin/admin-metrics-route.ts";
import { ADMIN_EXPERIMENT_PATH, adminExperimentHandler } from "./admin/admin-experiment-route.ts";
import { ADMIN_READINESS_PATH, adminReadinessHandler } from "./admin/admin-readiness-route.ts";
import { ADMIN_REVIEWS_PATHS, adminReviewsHandlers } from "./admin/admin-reviews-route.ts";
import { ADMIN_SETTINGS_PATH, adminSettingsHandlers } from "./admin/admin-settings-route.ts";
import { CONSOLE_REVIEW_PATHS, consoleReviewHandlers } from "./console/console-review-routes.ts";
import { CONSOLE_PATHS, consoleHandlers } from "./console/console-routes.ts";
import { consoleGuardHandlers } from "./console/console-guard-routes.ts";
import { GUARD_PAGE_PATH } from "./console/guard-page.ts";
import { CSAT_PAGE } from "./console/csat-page.ts";
import { experimentPage } from "./console/experiment-page.ts";
import { driftPage } from "./console/drift-page.ts";
import { consoleGoldenCaseHandler } from "./console/console-golden-case-route.ts";
import { GOLDEN_CASE_FORM_PATH } from "./console/golden-case-form.ts";
import { KNOWLEDGE_PAGE } from "./console/knowledge-page.ts";
import { readinessPage } from "./console/readiness-page.ts";
import { reportPageRoute } from "./console/report-page-route.ts";
import { consoleSettingsHandlers } from "./console/console-settings-routes.ts";
import { SETTINGS_PAGE_PATH } from "./console/settings-page.ts";
import { DeskmateError, toDeskmateError } from "../lib/errors.ts";
import { INBOX_APP_PATHS, inboxAppHandlers } from "./inbox-app/inbox-app-routes.ts";
import { BODY_LIMITS, limitRequestBody } from "./limit-request-body.ts";
import type { Env } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { Platform } from "../domain/support-event.ts";
import { queueMessageBody, type QueueMessageBody } from "../domain/queue-message.ts";
import type { StateStore } from "../state/state-store.ts";
import { intercomWebhookAdapter } from "../platforms/intercom/intercom-webhook-adapter.ts";
import { zendeskTriggerAccount } from "../platforms/zendesk/zendesk-trigger-account.ts";
import { zendeskWebhookAdapter } from "../platforms/zendesk/zendesk-webhook-adapter.ts";
import { webhookRoute } from "./webhook-route.ts";
import { ZENDESK_APP_PATHS, zendeskAppHandlers } from "./zendesk-app/zendesk-app-routes.ts";
import { zendeskAppConfig } from "./zendesk-app/zendesk-app-config.ts";
import { deferTo, executionContextOf, type WaitUntil } from "./execution-context.ts";

export interface AppDeps {
  env: Env;
  logger: Logger;
  stateFor: (platform: Platform, accountId: string) => StateStore;
  /** Hands an accepted event to the queue (or to `waitUntil` when no queue is bound). */
  enqueue: (body: QueueMessageBody, ctx: WaitUntil | undefined) => Promise<void>;
  health: () => Promise<Record<string, unknown>>;
  /** The outcome ledger (D1); null when no database is bound. */
  ledger: () => Ledger | null;
  /** The drift check's tables of the ledger; null (or absent) when no database is bound. */
  driftLedger?: () => DriftLedger | null;
  /** An account's `resolution_wait_hours`, resolved like the pipeline's settings (for the metrics). */
  resolutionWaitHours: (platform: Platform, accountId: string) => Promise<number>;
  /** An account's settings as the pipeline loads them, with sources (the console's Settings page). */
  settingsLoad: (platform: Platform, accountId: string) => Promise<SettingsLoad>;
}

/** Routes and the one error handler. Everything runtime-specific comes in through `deps`. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // Both webhook routes enqueue through here: the message is rebuilt from ids only, whatever the route built.
  const enqueue = (body: QueueMessageBody, c: { executionCtx: WaitUntil }) =>
    deps.enqueue(queueMessageBody(body.event, body.receivedAt), executionContextOf(c));

  app.get("/healthz", async (c) => {
    const health = await deps.health();
    return c.json(health, health.ok === false ? 503 : 200);
  });

  const zendeskWebhook = zendeskWebhookAdapter({
    secrets: () => splitSecrets(deps.env.ZENDESK_WEBHOOK_SECRET),
    triggerAccount: () => zendeskTriggerAccount(deps.env),
  });
  app.post("/webhooks/zendesk", limitRequestBody(BODY_LIMITS.zendeskWebhook, "Zendesk webhooks", deps.logger), (c) =>
    webhookRoute({
      adapter: zendeskWebhook,
      stateFor: (accountId) => deps.stateFor("zendesk", accountId),
      enqueue: (body) => enqueue(body, c),
      ...deferTo(c),
      logger: deps.logger,
    })(c),
  );

  const intercomStore = (workspaceId: string) => deps.stateFor("intercom", workspaceId);
  const intercomWebhook = intercomWebhookAdapter({ secret: () => deps.env.INTERCOM_CLIENT_SECRET ?? null });
  app.post("/webhooks/intercom", limitRequestBody(BODY_LIMITS.intercomWebhook, "Intercom webhooks", deps.logger), (c) =>
    webhookRoute({
      adapter: intercomWebhook,
      stateFor: intercomStore,
      enqueue: (body) => enqueue(body, c),
      ...deferTo(c),
      logger: deps.logger,
    })(c),
  );
  const admin = adminSettingsHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    storeFor: intercomStore,
    env: deps.env as Record<string, unknown>,
    logger: deps.logger,
    ledger: deps.ledger,
  });
  app.get(ADMIN_SETTINGS_PATH, admin.get);
  app.put(
    ADMIN_SETTINGS_PATH,
    limitRequestBody(BODY_LIMITS.adminSettings, "the settings document", deps.logger),
    admin.put,
  );

  const decisions = adminDecisionsHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    ledger: deps.ledger,
    logger: deps.logger,
  });
  app.get(ADMIN_DECISIONS_PATHS.list, decisions.list);
  app.get(ADMIN_DECISIONS_PATHS.csv, decisions.csv);
  app.get(ADMIN_DECISIONS_PATHS.ndjson, decisions.ndjson);
  app.get(
    ADMIN_METRICS_PATH,
    adminMetricsHandler({
      adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
      ledger: deps.ledger,
      resolutionWaitHours: deps.resolutionWaitHours,
      logger: deps.logger,
    }),
  );
  const experimentSamples = async (platform: Platform, account: string) =>
    (await deps.settingsLoad(platform, account)).settings.experimentMinSamples;
  app.get(
    ADMIN_EXPERIMENT_PATH,
    adminExperimentHandler({
      adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
      ledger: deps.ledger,
      minSamples: experimentSamples,
      logger: deps.logger,
    }),
  );
  app.get(
    ADMIN_READINESS_PATH,
    adminReadinessHandler({
      adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
      ledger: deps.ledger,
      settings: async (platform, account) => (await deps.settingsLoad(platform, account)).settings,
      logger: deps.logger,
    }),
  );
  const reviews = adminReviewsHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    ledger: deps.ledger,
    logger: deps.logger,
  });
  app.get(ADMIN_REVIEWS_PATHS.queue, reviews.queue);
  app.post(
    ADMIN_REVIEWS_PATHS.reviews,
    limitRequestBody(BODY_LIMITS.adminReview, "a review verdict", deps.logger),
    reviews.review,
  );

  const drift = adminDriftHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    driftLedger: deps.driftLedger ?? (() => null),
    logger: deps.logger,
  });
  app.get(ADMIN_DRIFT_PATHS.drift, drift.drift);
  app.post(
    ADMIN_DRIFT_PATHS.goldenCases,
    limitRequestBody(BODY_LIMITS.adminReview, "a golden case", deps.logger),
    drift.addCase,
  );
  const guardSettings = async (platform: Platform, account: string) =>
    (await deps.settingsLoad(platform, account)).settings;
  const guard = adminGuardHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    ledger: deps.ledger,
    stateFor: deps.stateFor,
    settings: guardSettings,
    logger: deps.logger,
  });
  app.get(ADMIN_GUARD_PATHS.status, guard.overview);
  app.post(
    ADMIN_GUARD_PATHS.reenable,
    limitRequestBody(BODY_LIMITS.adminReview, "a re-enable", deps.logger),
    guard.reenable,
  );

  const consoleDeps = {
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    ledger: deps.ledger,
    resolutionWaitHours: deps.resolutionWaitHours,
    logger: deps.logger,
    zendeskAppAccount: () => {
      const config = zendeskAppConfig(deps.env);
      return config.ok ? config.trust.subdomain : null;
    },
  };
  const consolePages = consoleHandlers(consoleDeps);
  const consoleForm = limitRequestBody(BODY_LIMITS.consoleForm, "a console form", deps.logger);
  app.get(CONSOLE_PATHS.page, consolePages.page);
  app.post(CONSOLE_PATHS.login, consoleForm, consolePages.login);
  app.post(CONSOLE_PATHS.logout, consoleForm, consolePages.logout);
  const consoleReview = consoleReviewHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    ledger: deps.ledger,
    resolutionWaitHours: deps.resolutionWaitHours,
    logger: deps.logger,
  });
  app.get(CONSOLE_REVIEW_PATHS.escalations, consoleReview.escalations);
  app.get(CONSOLE_REVIEW_PATHS.review, consoleReview.queue);
  app.post(CONSOLE_REVIEW_PATHS.review, consoleForm, consoleReview.review);
  for (const page of [KNOWLEDGE_PAGE, CSAT_PAGE, experimentPage(experimentSamples)])
    app.get(page.path, reportPageRoute(consoleDeps, page));
  const drifts = driftPage(deps.driftLedger ?? (() => null));
  app.get(drifts.path, reportPageRoute(consoleDeps, drifts));
  app.post(
    GOLDEN_CASE_FORM_PATH,
    consoleForm,
    consoleGoldenCaseHandler({ ...consoleDeps, driftLedger: deps.driftLedger ?? (() => null) }),
  );
  const consoleGuard = consoleGuardHandlers({ ...consoleDeps, stateFor: deps.stateFor, settings: guardSettings });
  app.get(GUARD_PAGE_PATH, consoleGuard.page);
  app.post(GUARD_PAGE_PATH, consoleForm, consoleGuard.reenable);
  const readiness = readinessPage(async (platform, account) => (await deps.settingsLoad(platform, account)).settings);
  app.get(readiness.path, reportPageRoute(consoleDeps, readiness));
  const consoleSettings = consoleSettingsHandlers({
    adminToken: () => deps.env.DESKMATE_ADMIN_TOKEN,
    ledger: deps.ledger,
    storeFor: intercomStore,
    env: deps.env as Record<string, unknown>,
    zendeskAccount: () => zendeskTriggerAccount(deps.env),
    zendeskSettings: (account) => deps.settingsLoad("zendesk", account),
    logger: deps.logger,
  });
  app.get(SETTINGS_PAGE_PATH, consoleSettings.page);
  // The whole settings form, documents included: the settings API's limit, not the small forms' one.
  app.post(
    SETTINGS_PAGE_PATH,
    limitRequestBody(BODY_LIMITS.adminSettings, "the settings form", deps.logger),
    consoleSettings.save,
  );

  const inbox = inboxAppHandlers({
    secret: () => deps.env.INTERCOM_CLIENT_SECRET ?? null,
    storeFor: intercomStore,
    ledger: deps.ledger,
    logger: deps.logger,
  });
  const canvasLimit = limitRequestBody(BODY_LIMITS.canvasKit, "Canvas Kit requests", deps.logger);
  app.post(INBOX_APP_PATHS.initialize, canvasLimit, inbox.initialize);
  app.post(INBOX_APP_PATHS.submit, canvasLimit, inbox.submit);

  const zendeskApp = zendeskAppHandlers({
    env: deps.env,
    storeFor: (subdomain) => deps.stateFor("zendesk", subdomain),
    ledger: deps.ledger,
    logger: deps.logger,
    renderConsole: (request) => app.request(request, undefined, deps.env),
  });
  const zendeskAppLimit = limitRequestBody(BODY_LIMITS.zendeskApp, "Zendesk app requests", deps.logger);
  app.post(ZENDESK_APP_PATHS.sidebar, zendeskAppLimit, zendeskApp.sidebar);
  app.post(ZENDESK_APP_PATHS.console, zendeskAppLimit, zendeskApp.console);
  app.get(ZENDESK_APP_PATHS.script, zendeskApp.script);
  app.get(ZENDESK_APP_PATHS.ticket, zendeskApp.ticket);
  app.post(ZENDESK_APP_PATHS.action, zendeskAppLimit, zendeskApp.action);
  app.post(ZENDESK_APP_PATHS.rating, zendeskAppLimit, zendeskApp.rating);

  app.notFound((c) =>
    c.json({ error: "not_found", message: `no route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404),
  );

  app.onError((cause, c) => {
    const error = toDeskmateError(cause);
    deps.logger.error("request failed", { path: new URL(c.req.url).pathname, error_code: error.code, error });
    const status = error instanceof DeskmateError && error.status >= 400 && error.status < 600 ? error.status : 500;
    return c.json({ error: error.code, message: status >= 500 ? "internal error" : error.message }, status as 500);
  });

  return app;
}

/** Comma-separated secrets (rotation): trimmed, empties dropped. */
function splitSecrets(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
