import { HelpdeskError } from "../../lib/errors.ts";
import { withRetry, type RetryOptions } from "../../lib/with-retry.ts";
import type { IntercomConfig } from "./intercom-config.ts";
import type {
  IcAdmin,
  IcAdminWithApp,
  IcCompany,
  IcContact,
  IcConversation,
  IcTag,
  IcTeam,
} from "./intercom-records.ts";
import { intercomRequest, type IntercomRequest } from "./intercom-request.ts";

/** One filter or a nested AND/OR group of `POST /conversations/search` (search_request in the spec). */
export type IcSearchQuery =
  | { field: string; operator: string; value: string | number | boolean | Array<string | number> }
  | { operator: "AND" | "OR"; value: IcSearchQuery[] };

export interface IcAdminReply {
  message_type: "comment" | "note";
  admin_id: string;
  body: string;
}

/** `POST /conversations/{id}/parts` bodies the adapter sends (close/open/assign_conversation_request). */
export type IcManageAction =
  | { message_type: "close"; type: "admin"; admin_id: string }
  | { message_type: "open"; admin_id: string }
  | { message_type: "assignment"; type: "admin" | "team"; admin_id: string; assignee_id: string };

/**
 * The Intercom calls Deskmate makes, typed for API 2.16. Every call goes through bounded retries;
 * failures are HelpdeskErrors carrying Intercom's status (0 for network errors and timeouts).
 */
export interface IntercomApi {
  identify(): Promise<IcAdminWithApp>;
  findConversation(conversationId: string): Promise<IcConversation>;
  findContact(contactId: string): Promise<IcContact>;
  listContactTags(contactId: string): Promise<IcTag[]>;
  listContactCompanies(contactId: string): Promise<IcCompany[]>;
  searchConversations(query: IcSearchQuery, perPage: number): Promise<IcConversation[]>;
  /**
   * Not idempotent: only a 429 (the request was refused) is retried here. A 5xx or network error
   * may have posted the part anyway, so the caller decides (apply-conversation-writes.ts).
   */
  reply(conversationId: string, reply: IcAdminReply): Promise<IcConversation>;
  manage(conversationId: string, action: IcManageAction): Promise<IcConversation>;
  /** `POST /tags {name}`: create-or-update, so it also looks a tag up by name (case-insensitive). */
  createTag(name: string): Promise<IcTag>;
  tagConversation(conversationId: string, tagId: string, adminId: string): Promise<IcTag>;
  untagConversation(conversationId: string, tagId: string, adminId: string): Promise<IcTag>;
  /** `GET /articles/search`; the body is returned unparsed (the knowledge adapter validates it). */
  searchArticles(search: { phrase: string; state?: "published" | "draft" | "all" }): Promise<unknown>;
  /** `GET /office_hours_schedules` (2.16): the workspace's schedules, unparsed. */
  listOfficeHoursSchedules(): Promise<unknown>;
  /** `GET /office_hours_schedules/{id}/office_hours_exceptions`: its closed days and custom hours, unparsed. */
  listOfficeHoursExceptions(scheduleId: string): Promise<unknown>;
  /** `POST /conversations/search` for its `total_count` only (one result per page). */
  countConversations(query: IcSearchQuery): Promise<number>;
  /** `GET /admins/{id}`: name, away mode and team ids. */
  findAdmin(adminId: string): Promise<IcAdmin>;
  /** `GET /teams/{id}`. */
  findTeam(teamId: string): Promise<IcTeam>;
  /** `GET /tags`: every tag of the workspace (a read, unlike `POST /tags`). */
  listTags(): Promise<IcTag[]>;
}

export interface IntercomApiOptions {
  config: Pick<IntercomConfig, "accessToken" | "baseUrl" | "version">;
  fetch: typeof fetch;
  /** Milliseconds since the epoch; reads X-RateLimit-Reset against it. */
  now?: () => number;
  retry?: RetryOptions;
  timeoutInSeconds?: number;
}

/**
 * The Intercom REST API 2.16 on plain fetch (intercom-request.ts): the calls below, each with bounded
 * retries that honour X-RateLimit-Reset. Responses are read as intercom-records.ts, which cover the
 * fields Deskmate reads. Path parameters are percent-encoded.
 */
export function createIntercomApi(options: IntercomApiOptions): IntercomApi {
  const transport = {
    config: options.config,
    fetch: options.fetch,
    now: options.now ?? Date.now,
    timeoutMs: (options.timeoutInSeconds ?? 20) * 1000,
  };
  const retry = options.retry ?? {};

  /** `retryOn: "rate_limit"` retries a 429 only (Intercom refused the request, so nothing happened). */
  const run = async <T>(request: IntercomRequest, retryOn: "all" | "rate_limit" = "all"): Promise<T> => {
    try {
      return await withRetry(async () => {
        try {
          return (await intercomRequest(transport, request)) as T;
        } catch (error) {
          // withRetry stops at anything that is not a HelpdeskError; unwrapped below.
          if (retryOn === "rate_limit" && error instanceof HelpdeskError && error.status !== 429)
            throw new NoRetry(error);
          throw error;
        }
      }, retry);
    } catch (error) {
      throw error instanceof NoRetry ? error.error : error;
    }
  };
  const get = <T>(operation: string, path: string, query?: Record<string, string>): Promise<T> =>
    run<T>({ operation, method: "GET", path, ...(query ? { query } : {}) });
  const post = <T>(operation: string, path: string, body: unknown): Promise<T> =>
    run<T>({ operation, method: "POST", path, body });
  const search = <T>(operation: string, query: IcSearchQuery, perPage: number): Promise<T> =>
    post<T>(operation, "/conversations/search", { query, pagination: { per_page: perPage } });
  const id = encodeURIComponent;

  return {
    identify: () =>
      get<IcAdminWithApp | undefined>("who_am_i", "/me").then((me) => {
        if (!me?.id)
          throw new HelpdeskError(
            "who_am_i",
            401,
            "Intercom did not identify the token's admin: check " + "INTERCOM_ACCESS_TOKEN",
          );
        return me;
      }),
    // display_as=plaintext: bodies as text, links as "label (url)" (retrieveConversation in the spec).
    findConversation: (conversationId) =>
      get("show_conversation", `/conversations/${id(conversationId)}`, { display_as: "plaintext" }),
    findContact: (contactId) => get("show_contact", `/contacts/${id(contactId)}`),
    listContactTags: (contactId) =>
      get<{ data?: IcTag[] } | undefined>("list_contact_tags", `/contacts/${id(contactId)}/tags`).then(
        (r) => r?.data ?? [],
      ),
    // The spec's schema (contact_attached_companies) names the list `companies`, but its example and
    // the API answer `data`: accept both.
    listContactCompanies: (contactId) =>
      get<{ data?: IcCompany[]; companies?: IcCompany[] } | undefined>(
        "list_contact_companies",
        `/contacts/${id(contactId)}/companies`,
      ).then((r) => r?.data ?? r?.companies ?? []),
    searchConversations: (query, perPage) =>
      search<{ conversations?: IcConversation[] } | undefined>("search_conversations", query, perPage).then(
        (r) => r?.conversations ?? [],
      ),
    reply: (conversationId, reply) =>
      run(
        {
          operation: reply.message_type === "note" ? "add_internal_note" : "public_reply",
          method: "POST",
          path: `/conversations/${id(conversationId)}/reply`,
          body: { ...reply, type: "admin" },
        },
        "rate_limit",
      ),
    manage: (conversationId, action) =>
      post(
        action.message_type === "assignment" ? "assign_conversation" : `${action.message_type}_conversation`,
        `/conversations/${id(conversationId)}/parts`,
        action,
      ),
    createTag: (name) => post("create_tag", "/tags", { name }),
    tagConversation: (conversationId, tagId, adminId) =>
      post("add_tag", `/conversations/${id(conversationId)}/tags`, { id: tagId, admin_id: adminId }),
    untagConversation: (conversationId, tagId, adminId) =>
      run({
        operation: "remove_tag",
        method: "DELETE",
        path: `/conversations/${id(conversationId)}/tags/${id(tagId)}`,
        body: { admin_id: adminId },
      }),
    searchArticles: ({ phrase, state }) =>
      get("search_articles", "/articles/search", { phrase, ...(state === undefined ? {} : { state }) }),
    listOfficeHoursSchedules: () => get("list_office_hours", "/office_hours_schedules"),
    listOfficeHoursExceptions: (scheduleId) =>
      get("list_office_hours_exceptions", `/office_hours_schedules/${id(scheduleId)}/office_hours_exceptions`),
    countConversations: (query) =>
      search<{ total_count?: number } | undefined>("count_conversations", query, 1).then((r) => {
        if (typeof r?.total_count !== "number")
          throw new HelpdeskError("count_conversations", 502, "Intercom answered the search without total_count");
        return r.total_count;
      }),
    findAdmin: (adminId) =>
      get<IcAdmin | undefined>("show_admin", `/admins/${id(adminId)}`).then((admin) => {
        if (!admin?.id) throw new HelpdeskError("show_admin", 404, `admin ${adminId} not found`);
        return admin;
      }),
    findTeam: (teamId) => get("show_team", `/teams/${id(teamId)}`),
    listTags: () => get<{ data?: IcTag[] } | undefined>("list_tags", "/tags").then((r) => r?.data ?? []),
  };
}

/** Carries a HelpdeskError past withRetry without another attempt. */
class NoRetry {
  readonly error: HelpdeskError;
  constructor(error: HelpdeskError) {
    this.error = error;
  }
}
