import { http, HttpResponse, type RequestHandler } from "msw";
import {
  createRequestRecorder,
  type FaultMatcher,
  type FaultResponse,
  type RecordedRequest,
} from "./request-recorder.ts";
import { buildArticle, type ArticleInput, type SandboxArticle } from "./zendesk-sandbox/articles.ts";
import { zendeskHandlers } from "./zendesk-sandbox/handlers.ts";
import type { SandboxComment, SandboxTicket, SandboxUser } from "./zendesk-sandbox/records.ts";
import { SANDBOX, seedSandbox, seedTicket } from "./zendesk-sandbox/seed.ts";
import { SandboxState } from "./zendesk-sandbox/state.ts";
import { zendeskAttachmentHandlers, zendeskAttachment } from "./zendesk-sandbox/attachments.ts";
import type { SandboxUpload } from "./sandbox-attachments.ts";
import { sandboxRateLimit } from "./sandbox-rate-limit.ts";

export { SANDBOX } from "./zendesk-sandbox/seed.ts";
export type { FaultMatcher, FaultResponse, RecordedRequest } from "./request-recorder.ts";
export { HELP_CENTER } from "./zendesk-sandbox/articles.ts";
export type { ArticleInput, SandboxArticle } from "./zendesk-sandbox/articles.ts";
export type { SandboxComment, SandboxOrganization, SandboxTicket, SandboxUser } from "./zendesk-sandbox/records.ts";

export interface NewTicket {
  id?: number;
  subject: string;
  requesterId: number;
  status?: SandboxTicket["status"];
  tags?: string[];
  /** The agent assigned (for a solved ticket: who solved it). */
  assigneeId?: number;
  groupId?: number;
  comments: Array<{ authorId: number; body: string; public?: boolean }>;
}

export interface ZendeskSandboxOptions {
  /** Default `https://acme.zendesk.com`. */
  baseUrl?: string;
  /** Clock for `updated_at` and the seeded dates. Default: the real time. */
  now?: () => Date;
  /** Only these client credentials get an OAuth token (default: any non-empty pair). */
  oauthClient?: { clientId: string; clientSecret: string };
  /** `expires_in` of issued tokens; null leaves it out. Default 1800. */
  tokenExpiresInSeconds?: number | null;
  /** Where attachment downloads redirect to (Zendesk's storage host). Default `https://acme.zdusercontent.com`. */
  storageBaseUrl?: string;
}

export interface ZendeskSandbox {
  readonly baseUrl: string;
  /** msw handlers: a recorder/fault injector first, then one per endpoint, then a 404 for anything else. */
  readonly handlers: RequestHandler[];
  /** Everything the sandbox received, oldest first (faulted requests included). */
  readonly requests: RecordedRequest[];
  /** Mutating requests only: not GET, not /oauth/tokens. */
  writes(): RecordedRequest[];
  /** Answer the next `responses.length` requests that match with these responses, in order. */
  failNext(matcher: FaultMatcher, responses: FaultResponse[]): void;
  /** Files the customer attached to a comment (listed in the comment's `attachments`, downloadable). */
  attach(ticketId: number, commentId: number, uploads: SandboxUpload[]): void;
  /** A comment written outside the API under test (a customer reply, an agent's note). */
  addComment(ticketId: number, comment: { authorId: number; body: string; public?: boolean }): SandboxComment;
  /** A status an agent sets in the Zendesk UI (outside the API under test), e.g. solving the ticket. */
  setStatus(ticketId: number, status: SandboxTicket["status"]): void;
  /** The requester rates the ticket (good or bad): on the ticket and in the rating list. */
  rate(ticketId: number, score: "good" | "bad"): void;
  /** Tags an agent removes in the Zendesk UI (outside the API under test), e.g. to hand a ticket back. */
  removeTags(ticketId: number, tags: string[]): void;
  /** A new end user without organization (a copy of the seeded customer 1002 under a new id and name). */
  addCustomer(
    name: string,
    overrides?: Partial<Pick<SandboxUser, "email" | "verified" | "external_id" | "locale">>,
  ): SandboxUser;
  /** A new agent in these groups (a copy of agent 901 under a new id and name). */
  addAgent(name: string, groupIds: number[]): SandboxUser;
  /** An agent's group memberships and suspension, as an admin changes them in Zendesk. */
  setAgent(agentId: number, change: { groupIds?: number[]; suspended?: boolean }): void;
  /** A new group. */
  addGroup(id: number, name: string): void;
  /** A new ticket with its comments (oldest first, minutes apart, the last one just now). */
  addTicket(input: NewTicket): SandboxTicket & { comments: SandboxComment[] };
  /** A snapshot of a ticket with its comments. Throws for an unknown id. */
  ticket(id: number): SandboxTicket & { comments: SandboxComment[] };
  /** Publish a Help Center article (HTML body; locale en-us and visible to everyone unless set). */
  addArticle(input: ArticleInput): SandboxArticle;
  /** Install (settings) or uninstall (null) an app. */
  setAppInstallation(appId: number, settings: Record<string, unknown> | null): void;
  /** The account's API limit per minute its answers state in `X-Rate-Limit` (default 2,500). */
  setRateLimit(limit: number): void;
  /** Back to the seeded account: data, recorded requests, faults and issued tokens. */
  reset(): void;
}

/**
 * A stateful fake Zendesk Support API for tests and the local demo. Ticket updates change state
 * (comments appended with their author, fields changed, `updated_at` bumped), tags are added and
 * removed, safe updates answer 409 on a stale `updated_stamp`. Only msw is needed, so the demo can
 * serve the same handlers over HTTP with `getResponse(handlers, request)`.
 */
export function createZendeskSandbox(options: ZendeskSandboxOptions = {}): ZendeskSandbox {
  const baseUrl = (options.baseUrl ?? "https://acme.zendesk.com").replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  let state = fresh();
  const recorder = createRequestRecorder({
    baseUrl,
    now,
    normalizePath: (path) => path.replace(/\.json$/, ""),
    errorBody: defaultErrorBody,
  });
  const { requests, anything } = recorder;

  function fresh(): SandboxState {
    const s = new SandboxState(baseUrl, now);
    seedSandbox(s);
    return s;
  }

  // Handlers look the state up per request so reset() can swap in a fresh account.
  const endpoints = zendeskHandlers(baseUrl, () => state, {
    actorId: SANDBOX.assistantId,
    ...(options.oauthClient ? { oauthClient: options.oauthClient } : {}),
    ...(options.tokenExpiresInSeconds !== undefined ? { tokenExpiresInSeconds: options.tokenExpiresInSeconds } : {}),
  });
  const notFound = http.all(anything, () =>
    HttpResponse.json({ error: "InvalidEndpoint", description: "Not found" }, { status: 404 }),
  );
  const storageBaseUrl = (options.storageBaseUrl ?? "https://acme.zdusercontent.com").replace(/\/+$/, "");
  const downloads = zendeskAttachmentHandlers(baseUrl, storageBaseUrl, () => state);

  // The account host's answers carry X-Rate-Limit headers (2,500/min: the largest plan's, by default).
  const rateLimit = sandboxRateLimit(
    "zendesk",
    anything,
    [recorder.handler, ...downloads, ...endpoints, notFound],
    2500,
  );

  return {
    baseUrl,
    handlers: [rateLimit.handler, ...downloads],
    requests,
    writes: () => requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/tokens"),
    failNext: recorder.failNext,
    attach(ticketId, commentId, uploads) {
      const comment = state.comments.get(ticketId)?.find((c) => c.id === commentId);
      if (!comment) throw new Error(`sandbox: no comment ${commentId} on ticket ${ticketId}`);
      for (const upload of uploads) comment.attachments.push(zendeskAttachment(state, upload));
    },
    addComment(ticketId, comment) {
      return state.addComment(ticketId, {
        authorId: comment.authorId,
        body: comment.body,
        public: comment.public ?? true,
      });
    },
    setStatus(ticketId, status) {
      const ticket = state.tickets.get(ticketId);
      if (!ticket) throw new Error(`sandbox: no ticket ${ticketId}`);
      ticket.status = status;
      ticket.updated_at = state.stamp();
    },
    rate(ticketId, score) {
      const ticket = state.tickets.get(ticketId);
      if (!ticket) throw new Error(`sandbox: no ticket ${ticketId}`);
      const at = state.stamp();
      const id = state.nextId++;
      ticket.satisfaction_rating = { id, score, comment: null };
      ticket.updated_at = at;
      state.ratings = state.ratings.filter((r) => r.ticket_id !== ticketId);
      state.ratings.push({
        id,
        url: `${baseUrl}/api/v2/satisfaction_ratings/${id}.json`,
        ticket_id: ticketId,
        requester_id: ticket.requester_id,
        assignee_id: ticket.assignee_id,
        group_id: ticket.group_id,
        score,
        comment: null,
        created_at: at,
        updated_at: at,
      });
    },
    removeTags(ticketId, tags) {
      const ticket = state.tickets.get(ticketId);
      if (!ticket) throw new Error(`sandbox: no ticket ${ticketId}`);
      ticket.tags = ticket.tags.filter((t) => !tags.includes(t));
    },
    addCustomer(name, overrides = {}) {
      const template = state.users.get(SANDBOX.customerWithoutOrgId);
      if (!template) throw new Error("sandbox: customer template missing");
      const id = Math.max(...state.users.keys()) + 1;
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.test`;
      const user = {
        ...structuredClone(template),
        id,
        name,
        email,
        url: `${baseUrl}/api/v2/users/${id}.json`,
        ...overrides,
      };
      state.users.set(id, user);
      return structuredClone(user);
    },
    addAgent(name, groupIds) {
      const template = state.users.get(SANDBOX.agentId);
      if (!template) throw new Error("sandbox: agent template missing");
      const id = Math.max(...state.users.keys()) + 1;
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@acme.example`;
      const user = { ...structuredClone(template), id, name, email, url: `${baseUrl}/api/v2/users/${id}.json` };
      state.users.set(id, user);
      state.memberships.set(id, [...groupIds]);
      return structuredClone(user);
    },
    setAgent(agentId, change) {
      const user = state.users.get(agentId);
      if (!user) throw new Error(`sandbox: no user ${agentId}`);
      if (change.groupIds) state.memberships.set(agentId, [...change.groupIds]);
      if (change.suspended !== undefined) user.suspended = change.suspended;
    },
    addGroup(id, name) {
      state.groups.set(id, { id, name });
    },
    addTicket(input) {
      const id = input.id ?? Math.max(...state.tickets.keys()) + 1;
      const n = input.comments.length;
      seedTicket(
        state,
        {
          id,
          subject: input.subject,
          status: input.status ?? "open",
          requester_id: input.requesterId,
          tags: input.tags ?? [],
          ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
          ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
        },
        input.comments.map((c, i) => ({
          authorId: c.authorId,
          body: c.body,
          public: c.public ?? true,
          agoMs: (n - 1 - i) * 60_000,
        })),
      );
      return this.ticket(id);
    },
    ticket(id) {
      const ticket = state.tickets.get(id);
      if (!ticket) throw new Error(`sandbox: no ticket ${id}`);
      return structuredClone({ ...ticket, comments: state.comments.get(id) ?? [] });
    },
    addArticle(input) {
      const article = buildArticle(state, input);
      state.articles.push(article);
      return structuredClone(article);
    },
    setAppInstallation(appId, settings) {
      state.installations = state.installations.filter((i) => i.app_id !== appId);
      if (settings) {
        const at = state.stamp();
        state.installations.push({
          id: state.nextId++,
          app_id: appId,
          product: "support",
          settings,
          enabled: true,
          paid: false,
          created_at: at,
          updated_at: at,
        });
      }
    },
    setRateLimit: rateLimit.setLimit,
    reset() {
      state = fresh();
      recorder.reset();
      rateLimit.reset();
    },
  };
}

/** Zendesk-shaped error bodies for injected faults. */
function defaultErrorBody(status: number): unknown {
  if (status === 409) {
    return {
      error: "UpdateConflict",
      description:
        "Safe Update prevented the update due to outdated ticket data. Please " +
        "fetch the latest ticket data and try again.",
    };
  }
  if (status === 429)
    return { error: "APIRateLimitExceeded", description: "Number of allowed API requests per minute exceeded" };
  if (status === 404) return { error: "RecordNotFound", description: "Not found" };
  if (status === 403) return { error: "Forbidden", description: "You do not have access to this page." };
  if (status >= 500) return { error: "InternalError", description: "Something went wrong" };
  return { error: "InvalidRequest", description: `HTTP ${status}` };
}
