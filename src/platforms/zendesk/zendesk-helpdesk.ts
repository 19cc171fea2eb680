import { rememberSuccess } from "../../lib/remember-success.ts";
import type { Handoff } from "../../domain/handoff.ts";
import { renderZendeskNote } from "./render-zendesk-note.ts";
import { HelpdeskError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TicketWrites } from "../../domain/plan.ts";
import type { ApplyOptions, ApplyResult, Helpdesk, HelpdeskBusinessHours } from "../../ports/helpdesk.ts";
import type { AssistantIdentity, CommentAttachment, TicketContext } from "../../domain/ticket.ts";
import type { AttachmentFetch, AttachmentLimits } from "../../domain/attachment.ts";
import { fetchAttachmentBytes } from "../../lib/fetch-attachment-bytes.ts";
import { zendeskAttachmentHosts } from "./zendesk-attachment-hosts.ts";
import { applyTicketWrites } from "./apply-ticket-writes.ts";
import { listComments, loadTicketContext } from "./load-ticket-context.ts";
import { zendeskId } from "./zendesk-id.ts";
import { listSatisfactionRatings, readTicketLifecycle } from "./read-ticket-lifecycle.ts";
import type { HelpdeskRating, TicketLifecycle } from "../../domain/ticket-lifecycle.ts";
import { createOAuthTokenProvider } from "./oauth-token-provider.ts";
import { withRetry, loggedRetryOptions, type RetryOptions } from "../../lib/with-retry.ts";
import { basicAuthorization, createZendeskClient, type ZendeskApi, type ZendeskCall } from "./zendesk-client.ts";
import type { ZendeskConfig } from "./zendesk-config.ts";
import type { ZdInstallation, ZdUser } from "./zendesk-records.ts";
import type { AgentProfile, SolvedTicket } from "../../domain/routing.ts";
import * as routing from "./read-routing-directory.ts";

export interface ZendeskHelpdeskOptions {
  config: ZendeskConfig;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Milliseconds since the epoch (token expiry, the 30-day search window). */
  now?: () => number;
  /** Retry tuning (attempts, delays); sleep and random above take precedence. */
  retry?: Omit<RetryOptions, "sleep" | "random" | "onRetry">;
}

/** The Helpdesk port on Zendesk Support. Every API call goes through bounded retries (with-retry.ts). */
export class ZendeskHelpdesk implements Helpdesk {
  readonly platform = "zendesk" as const;
  readonly #config: ZendeskConfig;
  readonly #api: ZendeskApi;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #retry: RetryOptions;
  readonly #fetch: typeof fetch;
  readonly #authorization: () => Promise<string>;
  readonly #me = rememberSuccess(() =>
    this.#call<{ user: ZdUser }>({ operation: "who_am_i", method: "GET", path: ["users", "me"] }).then(({ user }) => {
      // Zendesk answers /users/me for anonymous callers too, with a null id.
      if (user.id === null)
        throw new HelpdeskError(
          "who_am_i",
          401,
          "Zendesk treated the API user as " + "anonymous: check the credentials",
        );
      return { id: String(user.id), name: user.name ?? "" };
    }),
  );

  constructor(options: ZendeskHelpdeskOptions) {
    const { config } = options;
    // Called through a closure: workerd throws "Illegal invocation" when fetch is detached from globalThis.
    const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#config = config;
    this.#now = options.now ?? Date.now;
    this.#log = options.logger.child({ helpdesk: "zendesk" });
    this.#fetch = fetchFn;
    const credentials =
      config.auth.kind === "oauth"
        ? {
            kind: "oauth" as const,
            tokens: createOAuthTokenProvider({
              ...config.auth,
              baseUrl: config.baseUrl,
              fetch: fetchFn,
              now: this.#now,
            }),
          }
        : { kind: "token" as const, email: config.auth.email, apiToken: config.auth.apiToken };
    // Attachment downloads send the same credentials the API client does (and only to the account host).
    this.#authorization =
      credentials.kind === "oauth"
        ? async () => `Bearer ${await credentials.tokens.getToken()}`
        : async () => basicAuthorization(credentials.email, credentials.apiToken);
    this.#api = createZendeskClient({ baseUrl: config.baseUrl, fetch: fetchFn, now: this.#now, credentials });
    this.#retry = loggedRetryOptions("zendesk", options, this.#log);
  }

  /** `GET /api/v2/users/me`, once per instance; concurrent callers share the request, a failure is not cached. */
  whoAmI(): Promise<AssistantIdentity> {
    return this.#me();
  }

  renderHandoffNote(handoff: Handoff): string {
    return renderZendeskNote(handoff);
  }

  ticketUrl(ticketId: string): string {
    const agentBase = /^[a-z0-9][a-z0-9-]*$/.test(this.#config.subdomain)
      ? `https://${this.#config.subdomain}.zendesk.com`
      : this.#config.baseUrl;
    return `${agentBase}/agent/tickets/${encodeURIComponent(ticketId)}`;
  }

  getTicketContext(
    ticketId: string,
    hints?: { requesterId?: string; organizationId?: string },
  ): Promise<TicketContext> {
    return loadTicketContext({ call: (c) => this.#call(c), logger: this.#log, now: this.#now }, ticketId, hints);
  }

  apply(ticketId: string, writes: TicketWrites, options: ApplyOptions = {}): Promise<ApplyResult> {
    return applyTicketWrites(
      { call: (c) => this.#call(c), logger: this.#log, assistantId: async () => (await this.whoAmI()).id },
      ticketId,
      writes,
      options,
    );
  }

  ticketLifecycle(ticketId: string): Promise<TicketLifecycle> {
    return readTicketLifecycle(
      {
        call: (c) => this.#call(c),
        logger: this.#log,
        now: this.#now,
        assistantId: async () => (await this.whoAmI()).id,
      },
      ticketId,
    );
  }

  ratingsBetween(from: string, to: string, maxPages: number): Promise<HelpdeskRating[]> {
    return listSatisfactionRatings({ call: (c) => this.#call(c), logger: this.#log }, from, to, maxPages);
  }

  /** One page of the newest comments (ListTicketComments): a reply that just fired its webhook is on it. */
  async publicCommentText(ticketId: string, commentId: string): Promise<string | null> {
    const id = zendeskId(ticketId, "list_comments", "ticket id");
    const comments = await listComments(
      { call: (c) => this.#call(c), logger: this.#log, now: this.#now, maxCommentPages: 1 },
      id,
    );
    const comment = comments.find((c) => c.id === commentId);
    return comment?.isPublic ? comment.body : null;
  }

  lastSolvedTicket(requesterId: string, exceptTicketId: string): Promise<SolvedTicket | null> {
    return routing.lastSolvedTicket((c) => this.#call(c), requesterId, exceptTicketId);
  }

  agentProfile(agentId: string): Promise<AgentProfile> {
    return routing.agentProfile((c) => this.#call(c), agentId);
  }

  openEscalationCount(agentId: string, escalatedTag: string): Promise<number> {
    return routing.openEscalationCount((c) => this.#call(c), agentId, escalatedTag);
  }

  groupName(groupId: string): Promise<string | null> {
    return routing.groupName((c) => this.#call(c), groupId);
  }

  /**
   * Zendesk has business hours schedules (GET /api/v2/business_hours/schedules and their holidays), but
   * the Support API description every request is checked against does not contain them, so they are
   * not read: the business_hours setting applies.
   */
  async businessHours(): Promise<HelpdeskBusinessHours> {
    return {
      status: "unavailable",
      reason: "Zendesk schedules are not in the Support API description this worker is checked against",
    };
  }

  /**
   * One attachment's bytes: `content_url` with the API credentials, its redirect to Zendesk's storage
   * followed by hand without them (zendesk-attachment-hosts.ts). Not retried: a screenshot is a bonus,
   * and the decision must not wait on it.
   */
  fetchAttachment(attachment: CommentAttachment, limits: AttachmentLimits): Promise<AttachmentFetch> {
    const hosts = zendeskAttachmentHosts(this.#config.baseUrl, this.#authorization);
    return fetchAttachmentBytes(attachment.url, attachment.contentType, hosts, limits, this.#fetch);
  }

  /**
   * Settings of this app's installation (`GET /api/v2/apps/installations`, matched on `app_id`), or
   * null when the app is not installed. Not part of the port: the settings loader uses it.
   */
  async getAppInstallationSettings(appId: string): Promise<Record<string, unknown> | null> {
    const { installations } = await this.#call<{ installations?: ZdInstallation[] }>({
      operation: "list_app_installations",
      method: "GET",
      path: ["apps", "installations"],
    });
    const installation = (installations ?? []).find((i) => String(i.app_id) === appId.trim());
    return installation ? (installation.settings ?? {}) : null;
  }

  /**
   * The same authenticated, retried client for Help Center calls (ZendeskHelpCenter): one OAuth token
   * and one retry policy per account. Not part of the port.
   */
  helpCenterApi(): ZendeskApi {
    return { send: (call) => this.#call(call) };
  }

  #call<T>(call: ZendeskCall): Promise<T> {
    return withRetry(() => this.#api.send<T>(call), this.#retry);
  }
}
