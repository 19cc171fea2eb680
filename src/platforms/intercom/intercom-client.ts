import { type Intercom, IntercomClient, IntercomError, IntercomTimeoutError } from "intercom-client";
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
import { parseRateLimitReset } from "./parse-rate-limit-reset.ts";

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
  /** `GET /office_hours_schedules` (2.16; not in the SDK): the workspace's schedules, unparsed. */
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
 * The only module that imports intercom-client (7.0.3, Fern-generated). Its own retries are off
 * (`maxRetries: 0`: they wait up to 60 s and ignore our budget); ours honour X-RateLimit-Reset.
 * The SDK pins `Intercom-Version: 2.14` and its `version` option stops at 2.14, but client
 * `headers` are merged after the default (BaseClient.normalizeClientOptions, case-insensitive), so
 * the header carries config.version. The SDK's response types describe 2.14 (e.g. priority
 * `priority|not_priority`, 2.16 has `none..urgent`), so answers are read as intercom-records.ts.
 */
export function createIntercomApi(options: IntercomApiOptions): IntercomApi {
  const now = options.now ?? Date.now;
  const fetchFn = options.fetch;
  const client = new IntercomClient({
    token: options.config.accessToken,
    baseUrl: options.config.baseUrl,
    maxRetries: 0,
    timeoutInSeconds: options.timeoutInSeconds ?? 20,
    headers: { "Intercom-Version": options.config.version, "User-Agent": "Deskmate/0.1 intercom-client/7.0.3" },
    // Called through a closure: workerd throws "Illegal invocation" when fetch is detached from globalThis.
    fetch: (input, init) => fetchFn(input, init),
  });
  const retry = options.retry ?? {};

  const run = async <T>(
    operation: string,
    call: () => Promise<unknown>,
    retryOn: "all" | "rate_limit" = "all",
  ): Promise<T> => {
    try {
      return await withRetry(async () => {
        try {
          return (await call()) as T;
        } catch (error) {
          const mapped = toHelpdeskError(operation, error, now());
          // withRetry stops at anything that is not a HelpdeskError; unwrapped below.
          if (retryOn === "rate_limit" && mapped.status !== 429) throw new NoRetry(mapped);
          throw mapped;
        }
      }, retry);
    } catch (error) {
      throw error instanceof NoRetry ? error.error : error;
    }
  };

  return {
    identify: () =>
      run<IcAdminWithApp | undefined>("who_am_i", () => client.admins.identify()).then((me) => {
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
      run("show_conversation", () =>
        client.conversations.find({ conversation_id: conversationId, display_as: "plaintext" }),
      ),
    findContact: (contactId) => run("show_contact", () => client.contacts.find({ contact_id: contactId })),
    listContactTags: (contactId) =>
      run<{ data?: IcTag[] }>("list_contact_tags", () =>
        client.contacts.listAttachedTags({ contact_id: contactId }),
      ).then((r) => r.data ?? []),
    // The spec's schema (contact_attached_companies) names the list `companies`, and so does the SDK's
    // pager, but its example and the API answer `data`: read the first page's body, accepting both.
    listContactCompanies: (contactId) =>
      run<{ response: { data?: IcCompany[]; companies?: IcCompany[] } }>("list_contact_companies", () =>
        client.contacts.listAttachedCompanies({ contact_id: contactId }),
      ).then(({ response }) => response.data ?? response.companies ?? []),
    searchConversations: (query, perPage) =>
      run<{ response: { conversations?: IcConversation[] } }>("search_conversations", () =>
        client.conversations.search({
          query: query as Intercom.SearchRequest["query"],
          pagination: { per_page: perPage },
        }),
      ).then(({ response }) => response.conversations ?? []),
    reply: (conversationId, reply) =>
      run(
        reply.message_type === "note" ? "add_internal_note" : "public_reply",
        () => client.conversations.reply({ conversation_id: conversationId, body: { ...reply, type: "admin" } }),
        "rate_limit",
      ),
    manage: (conversationId, action) =>
      run(action.message_type === "assignment" ? "assign_conversation" : `${action.message_type}_conversation`, () =>
        client.conversations.manage({ conversation_id: conversationId, body: action }),
      ),
    createTag: (name) => run("create_tag", () => client.tags.create({ name })),
    tagConversation: (conversationId, tagId, adminId) =>
      run("add_tag", () =>
        client.tags.tagConversation({ conversation_id: conversationId, id: tagId, admin_id: adminId }),
      ),
    untagConversation: (conversationId, tagId, adminId) =>
      run("remove_tag", () =>
        client.tags.untagConversation({ conversation_id: conversationId, tag_id: tagId, admin_id: adminId }),
      ),
    searchArticles: (search) => run("search_articles", () => client.articles.search(search)),
    listOfficeHoursSchedules: () => run("list_office_hours", () => getJson("/office_hours_schedules")),
    listOfficeHoursExceptions: (scheduleId) =>
      run("list_office_hours_exceptions", () =>
        getJson(`/office_hours_schedules/${encodeURIComponent(scheduleId)}/office_hours_exceptions`),
      ),
    countConversations: (query) =>
      run<{ response: { total_count?: number } }>("count_conversations", () =>
        client.conversations.search({
          query: query as Intercom.SearchRequest["query"],
          pagination: { per_page: 1 },
        }),
      ).then(({ response }) => {
        if (typeof response.total_count !== "number")
          throw new HelpdeskError("count_conversations", 502, "Intercom answered the search without total_count");
        return response.total_count;
      }),
    findAdmin: (adminId) =>
      run<IcAdmin | undefined>("show_admin", () => client.admins.find({ admin_id: Number(adminId) })).then((admin) => {
        if (!admin?.id) throw new HelpdeskError("show_admin", 404, `admin ${adminId} not found`);
        return admin;
      }),
    findTeam: (teamId) => run("show_team", () => client.teams.find({ team_id: teamId })),
    listTags: () => run<{ data?: IcTag[] }>("list_tags", () => client.tags.list()).then((r) => r.data ?? []),
  };

  /** A read the SDK (2.14) does not know, with the same token, version header and error mapping. */
  async function getJson(path: string): Promise<unknown> {
    const response = await fetchFn(`${options.config.baseUrl}${path}`, {
      headers: {
        Authorization: `Bearer ${options.config.accessToken}`,
        "Intercom-Version": options.config.version,
        Accept: "application/json",
      },
      signal: AbortSignal.timeout((options.timeoutInSeconds ?? 20) * 1000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new HelpdeskError(
        path.split("/")[1] ?? "intercom",
        response.status,
        `Intercom answered ${response.status}`,
      );
    }
    return response.json();
  }
}

/** Carries a HelpdeskError past withRetry without another attempt. */
class NoRetry {
  readonly error: HelpdeskError;
  constructor(error: HelpdeskError) {
    this.error = error;
  }
}

/** Intercom's `error.list` codes and messages (never request data), plus the fix for auth problems. */
function toHelpdeskError(operation: string, error: unknown, nowMs: number): HelpdeskError {
  if (error instanceof HelpdeskError) return error;
  if (error instanceof IntercomTimeoutError)
    return new HelpdeskError(operation, 0, "Intercom did not answer in time", { cause: error });
  if (!(error instanceof IntercomError) || error.statusCode === undefined) {
    return new HelpdeskError(operation, 0, "no usable answer from Intercom (network error or unreadable body)", {
      cause: error,
    });
  }
  const status = error.statusCode < 400 ? 502 : error.statusCode;
  const parts = [`HTTP ${error.statusCode}`];
  const errors = (error.body as { errors?: Array<{ code?: unknown; message?: unknown }> } | undefined)?.errors;
  for (const e of Array.isArray(errors) ? errors.slice(0, 3) : []) {
    parts.push([e.code, e.message].filter((x) => typeof x === "string").join(" "));
  }
  if (status === 401) parts.push("check INTERCOM_ACCESS_TOKEN and INTERCOM_API_URL (the workspace's region)");
  if (status === 403) parts.push("the app lacks a permission (Developer Hub > your app > Authentication > scopes)");
  const retryAfterSeconds =
    status === 429 ? parseRateLimitReset(error.rawResponse?.headers.get("x-ratelimit-reset"), nowMs) : undefined;
  return new HelpdeskError(operation, status, parts.filter(Boolean).join(": "), {
    cause: error,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}
