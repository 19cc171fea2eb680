import { rememberSuccess } from "../../lib/remember-success.ts";
import type { Handoff } from "../../domain/handoff.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TicketWrites } from "../../domain/plan.ts";
import type { ApplyOptions, ApplyResult, Helpdesk, HelpdeskBusinessHours } from "../../ports/helpdesk.ts";
import type { AssistantIdentity, CommentAttachment, TicketContext } from "../../domain/ticket.ts";
import type { AttachmentFetch, AttachmentLimits } from "../../domain/attachment.ts";
import { fetchAttachmentBytes } from "../../lib/fetch-attachment-bytes.ts";
import { intercomAttachmentHosts } from "./intercom-attachment-hosts.ts";
import { loggedRetryOptions, type RetryOptions } from "../../lib/with-retry.ts";
import { applyConversationWrites } from "./apply-conversation-writes.ts";
import { createIntercomApi, type IntercomApi } from "./intercom-client.ts";
import type { IntercomConfig } from "./intercom-config.ts";
import { loadConversationContext } from "./load-conversation-context.ts";
import { readConversationLifecycle } from "./read-conversation-lifecycle.ts";
import { readOfficeHours } from "./read-office-hours.ts";
import { intercomId } from "./intercom-id.ts";
import { mapComments } from "./map-intercom-records.ts";
import { renderIntercomNote } from "./render-intercom-note.ts";
import type { HelpdeskRating, TicketLifecycle } from "../../domain/ticket-lifecycle.ts";
import { TagIdCache } from "./tag-id-cache.ts";
import { kvTagIdStore } from "./kv-tag-id-store.ts";
import type { KvStore } from "../../ports/kv-store.ts";
import type { AgentProfile, SolvedTicket } from "../../domain/routing.ts";
import * as routing from "./read-routing-directory.ts";

export interface IntercomHelpdeskOptions {
  config: Pick<IntercomConfig, "accessToken" | "baseUrl" | "version">;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Milliseconds since the epoch (X-RateLimit-Reset, the 30-day search window). */
  now?: () => number;
  retry?: Omit<RetryOptions, "sleep" | "random" | "onRetry">;
  /** Tag name -> id cache; pass one instance per workspace to keep ids across helpdesk instances. */
  tagIds?: TagIdCache;
  /** Without `tagIds`: the state store where looked-up tag ids are kept for every isolate. */
  kv?: KvStore;
  /**
   * The workspace's `app.id_code` when known up front (webhooks carry it as `app_id`), for links before /me
   * answered.
   */
  appIdCode?: string;
  /** Boolean contact custom attribute that marks a verified customer. Default `verified`. */
  verifiedAttribute?: string;
}

/** The Helpdesk port on Intercom conversations. Every API call goes through bounded retries (intercom-client.ts). */
export class IntercomHelpdesk implements Helpdesk {
  readonly platform = "intercom" as const;
  /** API 2.16 has no priority on the conversation update (apply-conversation-writes.ts). */
  readonly writesPriority = false;
  readonly #api: IntercomApi;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #tagIds: TagIdCache;
  readonly #inboxBase: string;
  readonly #verifiedAttribute: string;
  readonly #fetch: typeof fetch;
  readonly #config: IntercomHelpdeskOptions["config"];
  #appIdCode: string | null;
  readonly #me = rememberSuccess(() =>
    this.#api.identify().then((me) => {
      this.#appIdCode ??= me.app?.id_code ?? null;
      return { id: String(me.id), name: me.name ?? "" };
    }),
  );

  constructor(options: IntercomHelpdeskOptions) {
    this.#now = options.now ?? Date.now;
    this.#log = options.logger.child({ helpdesk: "intercom" });
    const kv = options.kv;
    this.#tagIds = options.tagIds ?? new TagIdCache(kv ? { store: kvTagIdStore(kv, () => this.#appIdCode) } : {});
    this.#appIdCode = options.appIdCode?.trim() || null;
    this.#inboxBase = inboxBaseFor(options.config.baseUrl);
    this.#verifiedAttribute = options.verifiedAttribute ?? "verified";
    this.#config = options.config;
    // Called through a closure: workerd throws "Illegal invocation" when fetch is detached from globalThis.
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#api = createIntercomApi({
      config: options.config,
      fetch: this.#fetch,
      now: this.#now,
      retry: loggedRetryOptions("intercom", options, this.#log),
    });
  }

  /**
   * `GET /me`, once per instance; concurrent callers share the request, a failure is not cached. Also learns
   * the app's id_code for links.
   */
  whoAmI(): Promise<AssistantIdentity> {
    return this.#me();
  }

  renderHandoffNote(handoff: Handoff): string {
    return renderIntercomNote(handoff);
  }

  /**
   * The conversation in the teammate inbox. The link needs the workspace's id_code, learnt from
   * /me (getTicketContext asks for it, so it is known by the time a handoff note is written) or the
   * `appIdCode` option. Without either (only when /me failed) the workspace segment is `_`: a
   * placeholder that names the conversation but will not open it directly.
   */
  ticketUrl(conversationId: string): string {
    const app = encodeURIComponent(this.#appIdCode ?? "_");
    return `${this.#inboxBase}/a/inbox/${app}/inbox/conversation/${encodeURIComponent(conversationId)}`;
  }

  async getTicketContext(
    conversationId: string,
    hints?: { requesterId?: string; organizationId?: string },
  ): Promise<TicketContext> {
    // /me is cached: at most one extra request per instance, and it makes ticketUrl exact.
    const [context, me] = await Promise.all([
      loadConversationContext(
        {
          api: this.#api,
          logger: this.#log,
          now: this.#now,
          verifiedAttribute: this.#verifiedAttribute,
          tagIds: this.#tagIds,
        },
        conversationId,
        hints?.requesterId === undefined ? {} : { requesterId: hints.requesterId },
      ),
      this.whoAmI().catch(() => undefined),
    ]);
    // Assigned to a teammate: Intercom's inbox treats the assignee as the conversation's owner.
    const assignee = context.ticket.assigneeId;
    const assignedToHuman = assignee !== null && (me === undefined || assignee !== me.id);
    return { ...context, ticket: { ...context.ticket, assignedToHuman } };
  }

  apply(conversationId: string, writes: TicketWrites, options: ApplyOptions = {}): Promise<ApplyResult> {
    return applyConversationWrites(
      {
        api: this.#api,
        logger: this.#log,
        now: this.#now,
        tagIds: this.#tagIds,
        assistantId: async () => (await this.whoAmI()).id,
      },
      conversationId,
      writes,
      options,
    );
  }

  ticketLifecycle(conversationId: string): Promise<TicketLifecycle> {
    return readConversationLifecycle(
      { api: this.#api, assistantId: async () => (await this.whoAmI()).id },
      conversationId,
    );
  }

  /** Intercom has no list of ratings: each conversation's rating is read with the conversation. */
  async ratingsBetween(): Promise<HelpdeskRating[]> {
    return [];
  }

  /** One conversation read (its newest 500 parts): the part that just fired its webhook is among them. */
  async publicCommentText(conversationId: string, partId: string): Promise<string | null> {
    const raw = await this.#api.findConversation(intercomId(conversationId, "show_conversation", "conversation id"));
    const comment = mapComments(raw).find((c) => c.id === partId);
    return comment?.isPublic ? comment.body : null;
  }

  /** The workspace's office hours (its first schedule) and closed days. */
  businessHours(): Promise<HelpdeskBusinessHours> {
    return readOfficeHours(this.#api, new Date(this.#now()));
  }

  /** One part attachment's bytes from Intercom's download hosts (intercom-attachment-hosts.ts); not retried. */
  fetchAttachment(attachment: CommentAttachment, limits: AttachmentLimits): Promise<AttachmentFetch> {
    const hosts = intercomAttachmentHosts(this.#config.baseUrl, this.#config.accessToken);
    return fetchAttachmentBytes(attachment.url, attachment.contentType, hosts, limits, this.#fetch);
  }

  lastSolvedTicket(requesterId: string, exceptConversationId: string): Promise<SolvedTicket | null> {
    return routing.lastSolvedTicket(this.#api, requesterId, exceptConversationId);
  }

  agentProfile(adminId: string): Promise<AgentProfile> {
    return routing.agentProfile(this.#api, adminId);
  }

  openEscalationCount(adminId: string, escalatedTag: string): Promise<number> {
    return routing.openEscalationCount({ api: this.#api, tagIds: this.#tagIds }, adminId, escalatedTag);
  }

  groupName(teamId: string): Promise<string | null> {
    return routing.groupName(this.#api, teamId);
  }

  /** The same authenticated, retried client for article search (IntercomArticles). Not part of the port. */
  articlesApi(): Pick<IntercomApi, "searchArticles"> {
    return { searchArticles: (search) => this.#api.searchArticles(search) };
  }
}

/** The teammate app lives on app.intercom.com, app.eu.intercom.com or app.au.intercom.com, matching the API region. */
function inboxBaseFor(apiBase: string): string {
  const host = (() => {
    try {
      return new URL(apiBase).hostname;
    } catch {
      return "";
    }
  })();
  const region = /^api\.(eu|au)\.intercom\.io$/.exec(host)?.[1];
  return region ? `https://app.${region}.intercom.com` : "https://app.intercom.com";
}
