import { http, HttpResponse, type RequestHandler } from "msw";
import { jsonBody, type SandboxRequest } from "../zendesk-sandbox/handlers.ts";
import { searchIntercomArticles } from "./articles.ts";
import { renderAdmin, renderCompany, renderContact, renderConversation, renderTeam } from "./render.ts";
import { searchConversations } from "./search.ts";
import { errorList, notFound, type ApiAnswer, type ConversationAnswer, type IntercomSandboxState } from "./state.ts";

type Method = "get" | "put" | "post" | "delete";
interface RouteContext {
  state: IntercomSandboxState;
  params: string[];
  query: URLSearchParams;
  body: unknown;
}

export interface IntercomHandlerOptions {
  accessToken: string;
  /** Intercom-Version values the sandbox answers; others (and none) get 400. */
  versions: readonly string[];
  /** The admin the token belongs to (GET /me). */
  adminId: string;
}

/**
 * One msw handler per Intercom endpoint Deskmate uses. Every request needs `Authorization: Bearer
 * <token>` (else 401 `unauthorized`, as Intercom answers) and an `Intercom-Version` the sandbox
 * speaks. Intercom itself falls back to the app's default version when the header is missing; the
 * sandbox refuses instead, so a client that does not pin its version fails in tests.
 */
export function intercomHandlers(
  base: string,
  getState: () => IntercomSandboxState,
  options: IntercomHandlerOptions,
): RequestHandler[] {
  const route = (method: Method, template: string, answer: (ctx: RouteContext) => ApiAnswer | ConversationAnswer) =>
    http[method](pathPattern(base, template), async ({ request }) => {
      const state = getState();
      const refused = checkHeaders(request, options);
      const url = new URL(request.url);
      const params = (pathPattern(base, template).exec(`${url.origin}${url.pathname}`) ?? [])
        .slice(1)
        .map(decodeURIComponent);
      const result = refused ?? answer({ state, params, query: url.searchParams, body: await jsonBody(request) });
      if ("conversationId" in result) {
        const conversation = state.conversations.get(result.conversationId);
        return HttpResponse.json(
          conversation ? (renderConversation(state, conversation, { plaintext: false, parts: true }) as never) : null,
        );
      }
      return HttpResponse.json(result.body as never, { status: result.status });
    });
  const found = (record: unknown): ApiAnswer => (record ? { status: 200, body: record } : notFound());

  return [
    route("get", "/me", ({ state }) => found(renderAdmin(state, options.adminId, true))),
    route("get", "/admins/{id}", ({ state, params }) => {
      const admin = renderAdmin(state, params[0] ?? "", false);
      return admin ? { status: 200, body: admin } : errorList(404, "admin_not_found", "Admin not found");
    }),
    route("get", "/teams/{id}", ({ state, params }) => {
      const team = renderTeam(state, params[0] ?? "");
      return team ? { status: 200, body: team } : errorList(404, "team_not_found", "Team not found");
    }),
    route("get", "/teams", ({ state }) => ({
      status: 200,
      body: { type: "team.list", teams: [...state.teams.keys()].map((id) => renderTeam(state, id)) },
    })),
    route("get", "/office_hours_schedules", ({ state }) => ({
      status: 200,
      body: { type: "office_hours_schedule.list", data: state.officeHours },
    })),
    route("get", "/office_hours_schedules/{id}/office_hours_exceptions", ({ state, params }) => {
      const id = params[0] ?? "";
      if (!state.officeHours.some((schedule) => schedule.id === id)) return notFound();
      return {
        status: 200,
        body: { type: "office_hours_exception.list", data: state.officeHoursExceptions.get(id) ?? [] },
      };
    }),
    route("get", "/conversations/{id}", ({ state, params, query }) => {
      const conversation = state.conversations.get(params[0] ?? "");
      return found(
        conversation &&
          renderConversation(state, conversation, { plaintext: query.get("display_as") === "plaintext", parts: true }),
      );
    }),
    route("post", "/conversations/search", ({ state, body }) => searchConversations(state, body)),
    route("post", "/conversations/{id}/reply", ({ state, params, body }) => state.reply(params[0] ?? "", body)),
    route("post", "/conversations/{id}/parts", ({ state, params, body }) => state.manage(params[0] ?? "", body)),
    route("post", "/conversations/{id}/tags", ({ state, params, body }) =>
      state.tagConversation(params[0] ?? "", body),
    ),
    route("delete", "/conversations/{id}/tags/{id}", ({ state, params, body }) =>
      state.untagConversation(params[0] ?? "", params[1] ?? "", body),
    ),
    route("get", "/contacts/{key}", ({ state, params }) => {
      const contact = state.contacts.get(params[0] ?? "");
      return found(contact && renderContact(state, contact));
    }),
    route("get", "/contacts/{key}/tags", ({ state, params }) => {
      const contact = state.contacts.get(params[0] ?? "");
      if (!contact) return notFound("User Not Found");
      const data = contact.tagIds.flatMap((id) => {
        const tag = state.tags.get(id);
        return tag ? [{ type: "tag", id: tag.id, name: tag.name }] : [];
      });
      return { status: 200, body: { type: "list", data } };
    }),
    route("get", "/contacts/{key}/companies", ({ state, params }) => {
      const contact = state.contacts.get(params[0] ?? "");
      if (!contact) return notFound("User Not Found");
      const data = contact.companyIds.flatMap((id) => {
        const company = state.companies.get(id);
        return company ? [renderCompany(state, company)] : [];
      });
      // `data`, as the spec's example and the API answer (its schema says `companies`: see intercom-client.ts).
      return {
        status: 200,
        body: {
          type: "list",
          data,
          pages: { type: "pages", next: null, page: 1, per_page: 50, total_pages: 1 },
          total_count: data.length,
        },
      };
    }),
    route("get", "/tags", ({ state }) => ({
      status: 200,
      body: { type: "list", data: [...state.tags.values()].map((t) => ({ type: "tag", ...t })) },
    })),
    route("post", "/tags", ({ state, body }) => state.createTag(body)),
    route("get", "/articles/search", ({ state, query }) => searchIntercomArticles(state, query)),
  ];
}

function checkHeaders(request: SandboxRequest, options: IntercomHandlerOptions): ApiAnswer | null {
  if (request.headers.get("authorization") !== `Bearer ${options.accessToken}`)
    return errorList(401, "unauthorized", "Access Token Invalid");
  const version = request.headers.get("intercom-version");
  if (!version || !options.versions.includes(version)) {
    return errorList(
      400,
      "intercom_version_invalid",
      `Intercom-Version ${JSON.stringify(version)} is not one the sandbox speaks (${options.versions.join(", ")})`,
    );
  }
  return null;
}

/** `{base}{template}`: `{id}` is a digit segment (conversations, tags), `{key}` a hex id (contacts). */
export function pathPattern(base: string, template: string): RegExp {
  const escaped = (base + template)
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{id\}/g, "(\\d+)")
    .replace(/\{key\}/g, "([A-Za-z0-9_-]+)");
  return new RegExp(`^${escaped}$`);
}
