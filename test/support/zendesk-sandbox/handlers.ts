import { http, HttpResponse, type RequestHandler } from "msw";
import { searchArticles } from "./help-center-search.ts";
import { searchTickets } from "./search.ts";
import { notFound, type ApiAnswer, type SandboxState } from "./state.ts";

type Method = "get" | "put" | "post" | "delete";
/** The parts of msw's request the sandbox reads (msw's and workers-types' Request types differ). */
export interface SandboxRequest {
  url: string;
  method: string;
  headers: { get(name: string): string | null; forEach(fn: (value: string, key: string) => void): void };
  clone(): { text(): Promise<string> };
}
interface RouteContext {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  actorId: number;
}

export interface HandlerOptions {
  /** When set, only these client credentials get a token; otherwise any non-empty pair does. */
  oauthClient?: { clientId: string; clientSecret: string };
  /** `expires_in` of issued tokens; null leaves it out. Default 1800 (Zendesk's default for new clients). */
  tokenExpiresInSeconds?: number | null;
  /** The user every authenticated request acts as (the assistant). */
  actorId: number;
}

/** One msw handler per Zendesk endpoint the adapter uses. Paths accept Zendesk's optional `.json` suffix. */
export function zendeskHandlers(base: string, getState: () => SandboxState, options: HandlerOptions): RequestHandler[] {
  const route = (
    method: Method,
    template: string,
    answer: (ctx: RouteContext & { state: SandboxState }) => ApiAnswer,
  ) =>
    http[method](pathPattern(base, template), async ({ request }) => {
      const state = getState();
      const actorId = authenticate(state, request, options.actorId);
      if (actorId === null) return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
      const url = new URL(request.url);
      const params = (pathPattern(base, template).exec(`${url.origin}${url.pathname}`) ?? []).slice(1);
      const result = answer({ state, params, query: url.searchParams, body: await jsonBody(request), actorId });
      return HttpResponse.json(result.body as never, { status: result.status });
    });
  const ticketId = (ctx: RouteContext) => Number(ctx.params[0]);

  return [
    http.post(pathPattern(base, "/oauth/tokens"), async ({ request }) => {
      const state = getState();
      const body = ((await jsonBody(request)) ?? {}) as Record<string, unknown>;
      if (body.grant_type !== "client_credentials") {
        return HttpResponse.json(
          { error: "unsupported_grant_type", error_description: "The grant type is not supported" },
          { status: 400 },
        );
      }
      const expected = options.oauthClient;
      const ok = expected
        ? body.client_id === expected.clientId && body.client_secret === expected.clientSecret
        : typeof body.client_id === "string" &&
          body.client_id !== "" &&
          typeof body.client_secret === "string" &&
          body.client_secret !== "";
      if (!ok)
        return HttpResponse.json(
          { error: "invalid_client", error_description: "Client authentication failed" },
          { status: 401 },
        );
      const token = `sandbox-token-${state.nextId++}`;
      state.tokens.add(token);
      const expiresIn = options.tokenExpiresInSeconds === undefined ? 1800 : options.tokenExpiresInSeconds;
      return HttpResponse.json(
        {
          access_token: token,
          token_type: "bearer",
          scope: String(body.scope ?? "read"),
          ...(expiresIn === null ? {} : { expires_in: expiresIn }),
        },
        { status: 201 },
      );
    }),
    route("get", "/api/v2/users/me", ({ state, actorId }) => ({
      status: 200,
      body: { user: state.users.get(actorId) },
    })),
    route("get", "/api/v2/users/{id}", ({ state, params, query }) => showUser(state, Number(params[0]), query)),
    route("get", "/api/v2/groups/{id}", ({ state, params }) => found("group", groupRecord(state, Number(params[0])))),
    route("get", "/api/v2/organizations/{id}", ({ state, params }) =>
      found("organization", state.organizations.get(Number(params[0]))),
    ),
    route("get", "/api/v2/tickets/{id}", (ctx) => showTicket(ctx.state, ticketId(ctx), ctx.query)),
    route("put", "/api/v2/tickets/{id}", (ctx) =>
      ctx.state.updateTicket(
        ticketId(ctx),
        (ctx.body as { ticket?: Record<string, unknown> } | null)?.ticket,
        ctx.actorId,
      ),
    ),
    route("get", "/api/v2/tickets/{id}/comments", (ctx) => listComments(ctx.state, ticketId(ctx), ctx.query)),
    route("put", "/api/v2/tickets/{id}/tags", (ctx) => ctx.state.changeTags(ticketId(ctx), "add", ctx.body)),
    route("delete", "/api/v2/tickets/{id}/tags", (ctx) => ctx.state.changeTags(ticketId(ctx), "remove", ctx.body)),
    route("post", "/api/v2/tickets/{id}/tags", (ctx) => ctx.state.changeTags(ticketId(ctx), "set", ctx.body)),
    route("get", "/api/v2/satisfaction_ratings", (ctx) => listRatings(ctx.state, ctx.query)),
    route("get", "/api/v2/search", (ctx) => {
      const query = ctx.query.get("query");
      if (!query) return { status: 400, body: { error: "invalid", description: "query is required" } };
      const found = searchTickets(ctx.state, query, ctx.query.get("sort_by"), ctx.query.get("sort_order"));
      const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 100) || 100));
      const results = found.slice(0, perPage);
      return {
        status: 200,
        body: { results, facets: null, next_page: null, previous_page: null, count: found.length },
      };
    }),
    route("get", "/api/v2/search/count", (ctx) => {
      const query = ctx.query.get("query");
      if (!query) return { status: 400, body: { error: "invalid", description: "query is required" } };
      return { status: 200, body: { count: searchTickets(ctx.state, query, null, null).length } };
    }),
    // Help Center search is allowed for anonymous callers (public articles only); bad credentials still fail.
    http.get(pathPattern(base, "/api/v2/help_center/articles/search"), ({ request }) => {
      const state = getState();
      const anonymous = !request.headers.get("authorization");
      if (!anonymous && authenticate(state, request, options.actorId) === null) {
        return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
      }
      const result = searchArticles(state, new URL(request.url).searchParams, !anonymous);
      return HttpResponse.json(result.body as never, { status: result.status });
    }),
    route("get", "/api/v2/apps/installations", ({ state }) => ({
      status: 200,
      body: {
        installations: structuredClone(state.installations),
        next_page: null,
        previous_page: null,
        count: state.installations.length,
      },
    })),
  ];
}

/**
 * ListTicketComments: `include=users` sideload, cursor pagination
 * (`page[size]`, `page[after]`, `sort`) or offset pagination.
 */
function listComments(state: SandboxState, ticketId: number, query: URLSearchParams): ApiAnswer {
  const all = state.comments.get(ticketId);
  if (!all) return notFound();
  const cursor = query.has("page[size]");
  const descending = cursor ? query.get("sort") === "-created_at" : query.get("sort_order") === "desc";
  const ordered = descending ? [...all].reverse() : [...all];
  const size = Math.min(100, Math.max(1, Number(query.get(cursor ? "page[size]" : "per_page") ?? 100) || 100));
  const start = cursor
    ? decodeCursor(query.get("page[after]"))
    : (Math.max(1, Number(query.get("page") ?? 1) || 1) - 1) * size;
  const comments = ordered.slice(start, start + size);
  const hasMore = start + size < ordered.length;
  const page = (params: Record<string, string>) => {
    const url = new URL(`${state.baseUrl}/api/v2/tickets/${ticketId}/comments.json`);
    for (const [k, v] of query) url.searchParams.set(k, v);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  };
  const users = query.get("include")?.split(",").includes("users")
    ? {
        users: [...new Set(comments.map((c) => c.author_id))].flatMap((id) =>
          state.users.has(id) ? [state.users.get(id)] : [],
        ),
      }
    : {};
  const paging = cursor
    ? {
        meta: {
          has_more: hasMore,
          after_cursor: hasMore ? encodeCursor(start + size) : null,
          before_cursor: start > 0 ? encodeCursor(start) : null,
        },
        links: { next: hasMore ? page({ "page[after]": encodeCursor(start + size) }) : null, prev: null },
      }
    : {
        next_page: hasMore ? page({ page: String(start / size + 2) }) : null,
        previous_page: start > 0 ? page({ page: String(start / size) }) : null,
        count: all.length,
      };
  return { status: 200, body: { comments: structuredClone(comments), ...users, ...paging } };
}

/**
 * ListSatisfactionRatings: `score` (received, good, bad), `start_time` / `end_time` (unix seconds, on
 * the rating's update time), cursor pagination with `page[size]`, oldest first.
 */
function listRatings(state: SandboxState, query: URLSearchParams): ApiAnswer {
  const score = query.get("score");
  const start = Number(query.get("start_time") ?? 0) * 1000;
  const end = query.has("end_time") ? Number(query.get("end_time")) * 1000 : Number.POSITIVE_INFINITY;
  const matching = state.ratings.filter((r) => {
    const at = Date.parse(r.updated_at);
    const scoreOk = score === null || score === "received" || score === r.score;
    return scoreOk && at >= start && at <= end;
  });
  const size = Math.min(100, Math.max(1, Number(query.get("page[size]") ?? 100) || 100));
  const from = decodeCursor(query.get("page[after]"));
  const page = matching.slice(from, from + size);
  const hasMore = from + size < matching.length;
  return {
    status: 200,
    body: {
      satisfaction_ratings: structuredClone(page),
      meta: { has_more: hasMore, after_cursor: hasMore ? encodeCursor(from + size) : null, before_cursor: null },
      links: { next: null, prev: null },
    },
  };
}

/** ShowUser; `include=groups` sideloads the groups the user belongs to (side-loading guide: users). */
/** ShowTicket with the side-loads Deskmate asks for: `users` (requester, submitter, assignee), `organizations`. */
function showTicket(state: SandboxState, id: number, query: URLSearchParams): ApiAnswer {
  const ticket = state.tickets.get(id);
  if (!ticket) return notFound();
  const includes = query.get("include")?.split(",") ?? [];
  const userIds = [...new Set([ticket.requester_id, ticket.submitter_id, ticket.assignee_id])];
  const users = includes.includes("users")
    ? { users: userIds.flatMap((userId) => (userId == null ? [] : structuredClone(state.users.get(userId) ?? []))) }
    : {};
  const organization = ticket.organization_id == null ? undefined : state.organizations.get(ticket.organization_id);
  const organizations = includes.includes("organizations")
    ? { organizations: organization ? [structuredClone(organization)] : [] }
    : {};
  return { status: 200, body: { ticket: structuredClone(ticket), ...users, ...organizations } };
}

function showUser(state: SandboxState, userId: number, query: URLSearchParams): ApiAnswer {
  const user = state.users.get(userId);
  if (!user) return notFound();
  const includes = query.get("include")?.split(",") ?? [];
  const groups = includes.includes("groups")
    ? { groups: (state.memberships.get(userId) ?? []).flatMap((id) => groupRecord(state, id) ?? []) }
    : {};
  return { status: 200, body: { user: structuredClone(user), ...groups } };
}

/** GroupObject as ShowGroup returns it. */
function groupRecord(state: SandboxState, groupId: number) {
  const group = state.groups.get(groupId);
  if (!group) return undefined;
  const at = "2024-01-01T00:00:00Z";
  return {
    id: group.id,
    url: `${state.baseUrl}/api/v2/groups/${group.id}.json`,
    name: group.name,
    description: "",
    default: group.id === 2001,
    deleted: false,
    is_public: true,
    created_at: at,
    updated_at: at,
  };
}

function found(key: string, record: unknown): ApiAnswer {
  return record ? { status: 200, body: { [key]: structuredClone(record) } } : notFound();
}

/** Bearer tokens issued by /oauth/tokens, or Basic `{email}/token:{api_token}`; both act as the assistant. */
function authenticate(state: SandboxState, request: SandboxRequest, actorId: number): number | null {
  const header = request.headers.get("authorization") ?? "";
  if (header.startsWith("Bearer ")) return state.tokens.has(header.slice(7)) ? actorId : null;
  if (header.startsWith("Basic ")) {
    const decoded = atob(header.slice(6));
    return /^[^/:]+@[^/:]+\/token:.+$/.test(decoded) ? actorId : null;
  }
  return null;
}

/** `{base}{template}` with `{id}` as a numeric segment and an optional `.json` suffix. */
export function pathPattern(base: string, template: string): RegExp {
  const escaped = (base + template).replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[a-z_]+\}/g, "(\\d+)");
  return new RegExp(`^${escaped}(?:\\.json)?$`);
}

export async function jsonBody(request: SandboxRequest): Promise<unknown> {
  const text = await request.clone().text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function encodeCursor(offset: number): string {
  return btoa(`offset:${offset}`);
}

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  try {
    const match = /^offset:(\d+)$/.exec(atob(cursor));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
