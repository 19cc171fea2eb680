import { http, HttpResponse, type RequestHandler } from "msw";
import { buildIntercomArticle, type IntercomArticleInput } from "./intercom-sandbox/articles.ts";
import { intercomHandlers } from "./intercom-sandbox/handlers.ts";
import { sandboxRateLimit } from "./sandbox-rate-limit.ts";
import {
  plainText,
  type PartAuthorType,
  type SandboxConversation,
  type SandboxIntercomArticle,
} from "./intercom-sandbox/records.ts";
import { renderContact } from "./intercom-sandbox/render.ts";
import { INTERCOM_SANDBOX, seedConversation, seedIntercomSandbox } from "./intercom-sandbox/seed.ts";
import { errorList, IntercomSandboxState } from "./intercom-sandbox/state.ts";
import { downloadHandler, type SandboxUpload } from "./sandbox-attachments.ts";
import {
  createRequestRecorder,
  type FaultMatcher,
  type FaultResponse,
  type RecordedRequest,
} from "./request-recorder.ts";

export { INTERCOM_SANDBOX } from "./intercom-sandbox/seed.ts";
export type { FaultMatcher, FaultResponse, RecordedRequest } from "./request-recorder.ts";

export interface IntercomSandboxOptions {
  /** Default `https://api.intercom.io`. */
  baseUrl?: string;
  /** Clock for part and conversation times and the seeded dates. Default: the real time. */
  now?: () => Date;
  /** Intercom-Version values answered (default: the seeded 2.16 only). */
  versions?: readonly string[];
  /** Where part attachments are served (signed URLs). Default `https://downloads.intercomcdn.com`. */
  downloadBaseUrl?: string;
}

export interface NewPart {
  author: PartAuthorType;
  /** Admin or bot id for admin/bot parts (default: the human admin 901, Fin 950). */
  adminId?: string;
  /** Empty for an event part without a message (an assignment, a close). */
  body: string;
  /** An internal note (admins only). */
  note?: boolean;
  /**
   * Intercom's part_type; default `comment` (or `note`). Real workspaces also carry messages in other
   * parts: a teammate's "reply and assign" is an `assignment` part, a customer's reply to a closed
   * conversation an `open` part, both with a body.
   */
  partType?: string;
}

export interface NewConversation {
  id?: string;
  contactId: string;
  /** Oldest first, a minute apart, the last one just now; the first is the opening message. */
  parts: NewPart[];
  /** Tag names; unknown names become workspace tags. */
  tags?: string[];
  state?: SandboxConversation["state"];
  teamId?: string;
  adminAssigneeId?: string;
}

export interface ConversationSnapshot {
  id: string;
  state: SandboxConversation["state"];
  priority: SandboxConversation["priority"];
  adminAssigneeId: string | null;
  teamAssigneeId: string | null;
  /** Tag names. */
  tags: string[];
  /** The opening message first, then every part (events included), oldest first. */
  parts: Array<{
    id: string;
    partType: string;
    authorType: PartAuthorType;
    authorId: string;
    body: string | null;
    bodyHtml: string | null;
    createdAt: number;
  }>;
}

export interface IntercomSandbox {
  readonly baseUrl: string;
  /** msw handlers: a recorder/fault injector first, then one per endpoint, then a 404 for anything else. */
  readonly handlers: RequestHandler[];
  /** Everything the sandbox received, oldest first (faulted and refused requests included). */
  readonly requests: RecordedRequest[];
  /** Requests that change something: not GET, not POST /conversations/search. */
  writes(): RecordedRequest[];
  /** Answer the next `responses.length` matching requests with these responses, in order. */
  failNext(matcher: FaultMatcher, responses: FaultResponse[]): void;
  /** A new user contact without company (email derived from the name). Returns it as GET /contacts/{id} would. */
  addContact(name: string, options?: { language?: string }): { id: string; name: string; email: string };
  addConversation(input: NewConversation): ConversationSnapshot;
  /** A new teammate in these teams (also listed as the teams' members). */
  addAdmin(name: string, teamIds: string[]): { id: string; name: string };
  /** A teammate's teams and away mode, as they or an admin change them in Intercom. */
  setAdmin(adminId: string, change: { teamIds?: string[]; away?: boolean }): void;
  /** A new team without members. */
  addTeam(id: string, name: string): void;
  /** A part written outside the API under test (a customer reply reopens a closed conversation). */
  addPart(conversationId: string, part: NewPart): ConversationSnapshot;
  addArticle(input: IntercomArticleInput): SandboxIntercomArticle;
  /** A teammate closes the conversation in the inbox (outside the API under test). */
  close(conversationId: string): ConversationSnapshot;
  /** The contact rates the conversation, 1-5 stars. */
  rate(conversationId: string, stars: number): void;
  /** Throws for an unknown id. */
  conversation(id: string): ConversationSnapshot;
  /** The workspace's office hours: one schedule (API 2.16 shape) and its exceptions. */
  setOfficeHours(schedule: Record<string, unknown>, exceptions?: Array<Record<string, unknown>>): void;
  /** Files the customer attached to a part (or the opening message: its source id), listed and downloadable. */
  attach(conversationId: string, partId: string, uploads: SandboxUpload[]): void;
  /** The app's API limit per 10-second window its answers state in `X-RateLimit-Limit` (default 1,666). */
  setRateLimit(limit: number): void;
  /** Back to the seeded workspace: data, recorded requests and faults. */
  reset(): void;
}

/**
 * A stateful fake Intercom REST API (2.16) for tests and the local demo, the counterpart of
 * zendesk-sandbox.ts. Replies and notes become parts authored by the admin that sent them,
 * assignments and state changes become event parts, tags are attached by id. Only msw is needed.
 */
export function createIntercomSandbox(options: IntercomSandboxOptions = {}): IntercomSandbox {
  const baseUrl = (options.baseUrl ?? "https://api.intercom.io").replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  let state = fresh();
  const recorder = createRequestRecorder({ baseUrl, now, errorBody: defaultErrorBody });
  const { requests, anything } = recorder;

  function fresh(): IntercomSandboxState {
    const s = new IntercomSandboxState(now, INTERCOM_SANDBOX.appIdCode);
    seedIntercomSandbox(s);
    return s;
  }

  const endpoints = intercomHandlers(baseUrl, () => state, {
    accessToken: INTERCOM_SANDBOX.accessToken,
    versions: options.versions ?? [INTERCOM_SANDBOX.version],
    adminId: INTERCOM_SANDBOX.assistantAdminId,
  });
  const notFound = http.all(anything, () =>
    HttpResponse.json(errorList(404, "not_found", "Resource Not Found").body as never, { status: 404 }),
  );
  const downloadBaseUrl = (options.downloadBaseUrl ?? "https://downloads.intercomcdn.com").replace(/\/+$/, "");
  // Signed download URLs refuse an Authorization header: the access token must never be sent there.
  const downloads = downloadHandler(downloadBaseUrl, "/i/o", (token) => state.uploads.get(token), {
    refuseAuthorization: downloadBaseUrl !== baseUrl,
  });

  const snapshot = (id: string): ConversationSnapshot => {
    const c = state.conversations.get(id);
    if (!c) throw new Error(`sandbox: no conversation ${id}`);
    const source = {
      id: c.source.id,
      partType: "source",
      author: c.source.author,
      bodyHtml: c.source.bodyHtml,
      createdAt: c.createdAt,
    };
    return structuredClone({
      id: c.id,
      state: c.state,
      priority: c.priority,
      adminAssigneeId: c.adminAssigneeId,
      teamAssigneeId: c.teamAssigneeId,
      tags: c.tags.map((t) => state.tags.get(t.id)?.name ?? t.id),
      parts: [source, ...c.parts].map((p) => ({
        id: p.id,
        partType: p.partType,
        authorType: p.author.type,
        authorId: p.author.id,
        body: p.bodyHtml === null ? null : plainText(p.bodyHtml),
        bodyHtml: p.bodyHtml,
        createdAt: p.createdAt,
      })),
    });
  };
  const tagIdFor = (name: string): string => {
    const answer = state.createTag({ name }).body as { id: string };
    return answer.id;
  };

  // The API's answers carry X-RateLimit headers (1,666 per 10 s: an app's 10,000/min, by default).
  const rateLimit = sandboxRateLimit("intercom", anything, [recorder.handler, downloads, ...endpoints, notFound], 1666);

  return {
    baseUrl,
    handlers: [rateLimit.handler, downloads],
    requests,
    attach(conversationId, partId, uploads) {
      const c = state.conversations.get(conversationId);
      if (!c) throw new Error(`sandbox: no conversation ${conversationId}`);
      const target = c.source.id === partId ? c.source : c.parts.find((p) => p.id === partId);
      if (!target) throw new Error(`sandbox: no part ${partId} in conversation ${conversationId}`);
      target.attachments = [
        ...(target.attachments ?? []),
        ...uploads.map((upload) => {
          const token = state.uploads.add(upload, state.nextId++);
          const name = encodeURIComponent(upload.fileName);
          return {
            type: "upload",
            name: upload.fileName,
            url: `${downloadBaseUrl}/i/o/${token}/${name}?expires=1767225600&signature=sig${token}`,
            content_type: upload.contentType,
            filesize: upload.declaredSize ?? upload.bytes.byteLength,
            width: 800,
            height: 600,
          };
        }),
      ];
    },
    writes: () => requests.filter((r) => r.method !== "GET" && r.path !== "/conversations/search"),
    failNext: recorder.failNext,
    addContact(name, options = {}) {
      const id = `6762f1261bb69f9f2193${String(state.nextId++).padStart(4, "0")}`;
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.test`;
      const at = Math.floor(now().getTime() / 1000);
      const contact = {
        id,
        role: "user" as const,
        externalId: null,
        name,
        email,
        createdAt: at,
        signedUpAt: at,
        customAttributes: {},
        tagIds: [],
        companyIds: [],
        language: options.language ?? null,
      };
      state.contacts.set(id, contact);
      return renderContact(state, contact) as { id: string; name: string; email: string };
    },
    addAdmin(name, teamIds) {
      const id = String(Math.max(...[...state.admins.keys()].map(Number)) + 1);
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@acme.example`;
      state.admins.set(id, { id, name, email, teamIds: [...teamIds] });
      for (const teamId of teamIds) state.teams.get(teamId)?.adminIds.push(id);
      return { id, name };
    },
    setAdmin(adminId, change) {
      const admin = state.admins.get(adminId);
      if (!admin) throw new Error(`sandbox: no admin ${adminId}`);
      if (change.teamIds) {
        for (const team of state.teams.values()) team.adminIds = team.adminIds.filter((a) => a !== adminId);
        for (const teamId of change.teamIds) state.teams.get(teamId)?.adminIds.push(adminId);
        admin.teamIds = [...change.teamIds];
      }
      if (change.away !== undefined) admin.awayModeEnabled = change.away;
    },
    addTeam(id, name) {
      state.teams.set(id, { id, name, adminIds: [] });
    },
    addConversation(input) {
      const id = input.id ?? String(Math.max(...[...state.conversations.keys()].map(Number)) + 1);
      const n = input.parts.length;
      seedConversation(
        state,
        {
          id,
          contactId: input.contactId,
          tagIds: (input.tags ?? []).map(tagIdFor),
          ...(input.state ? { state: input.state } : {}),
          ...(input.teamId ? { teamAssigneeId: input.teamId } : {}),
          ...(input.adminAssigneeId ? { adminAssigneeId: input.adminAssigneeId } : {}),
        },
        input.parts.map((p, i) => ({
          author: p.author,
          ...(p.adminId ? { id: p.adminId } : {}),
          body: p.body,
          note: p.note ?? false,
          ...(p.partType ? { partType: p.partType } : {}),
          agoS: (n - 1 - i) * 60,
        })),
      );
      return snapshot(id);
    },
    addPart(conversationId, part) {
      const conversation = state.conversations.get(conversationId);
      if (!conversation) throw new Error(`sandbox: no conversation ${conversationId}`);
      const contact = part.author === "user" || part.author === "lead";
      const authorId = contact
        ? (conversation.contactIds[0] ?? "")
        : (part.adminId ?? (part.author === "bot" ? INTERCOM_SANDBOX.finBotId : INTERCOM_SANDBOX.humanAdminId));
      state.addPart(conversationId, {
        partType: part.partType ?? (part.note ? "note" : "comment"),
        bodyHtml: part.body === "" ? null : `<p>${part.body.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
        author: { type: part.author, id: authorId },
        assignedTo: null,
        viaApi: false,
      });
      return snapshot(conversationId);
    },
    addArticle(input) {
      const article = buildIntercomArticle(state, input);
      state.articles.push(article);
      return structuredClone(article);
    },
    close(conversationId) {
      const conversation = state.conversations.get(conversationId);
      if (!conversation) throw new Error(`sandbox: no conversation ${conversationId}`);
      conversation.state = "closed";
      conversation.snoozedUntil = null;
      conversation.lastCloseAt = state.nowS();
      state.addPart(conversationId, {
        partType: "close",
        bodyHtml: null,
        author: { type: "admin", id: INTERCOM_SANDBOX.humanAdminId },
        assignedTo: null,
        viaApi: false,
      });
      return snapshot(conversationId);
    },
    rate(conversationId, stars) {
      const conversation = state.conversations.get(conversationId);
      if (!conversation) throw new Error(`sandbox: no conversation ${conversationId}`);
      conversation.rating = { stars, createdAt: state.nowS() };
      conversation.updatedAt = Math.max(conversation.updatedAt, state.nowS());
    },
    conversation: snapshot,
    setOfficeHours(schedule, exceptions = []) {
      state.officeHours = [schedule];
      state.officeHoursExceptions.set(String(schedule.id), exceptions);
    },
    setRateLimit: rateLimit.setLimit,
    reset() {
      state = fresh();
      recorder.reset();
      rateLimit.reset();
    },
  };
}

/** Intercom-shaped error bodies for injected faults. */
function defaultErrorBody(status: number): unknown {
  const [code, message] =
    status === 429
      ? ["rate_limit_exceeded", "Exceeded rate limit of 10000 in 10_seconds"]
      : status === 404
        ? ["not_found", "Resource Not Found"]
        : status === 401
          ? ["unauthorized", "Access Token Invalid"]
          : status >= 500
            ? ["server_error", "Server Error"]
            : ["parameter_invalid", `HTTP ${status}`];
  return errorList(status, code, message).body;
}
