import { describe, expect, it } from "vitest";
import { createZendeskClient, type ZendeskCredentials } from "../../src/platforms/zendesk/zendesk-client.ts";
import { helpdeskFailure, jsonResponse } from "../support/http-answers.ts";

const BASE = "https://acme.zendesk.com";
const TOKEN_AUTH: ZendeskCredentials = { kind: "token", email: "bot@acme.test", apiToken: "tok-123" };

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** A scripted Zendesk: answers the given responses in order and records what the client sent. */
function fakeZendesk(answers: Array<Response | Error>) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.body ? await request.text() : null,
    });
    const answer = answers.shift();
    if (!answer) throw new Error("no scripted answer left");
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, fetch };
}

const json = jsonResponse;

const failure = helpdeskFailure;

describe("zendesk client: requests", () => {
  it("joins the path below /api/v2 with .json and form-encodes the query in order", async () => {
    const zendesk = fakeZendesk([json(200, {}), json(200, {})]);
    const client = createZendeskClient({ baseUrl: BASE, credentials: TOKEN_AUTH, fetch: zendesk.fetch });
    await client.send({
      operation: "search_recent_tickets",
      method: "GET",
      path: ["search"],
      query: { query: "type:ticket requester_id:7 created>2026-11-07", "page[size]": "100", sort: "-created_at" },
    });
    await client.send({ operation: "show_ticket", method: "GET", path: ["tickets", 101] });
    expect(zendesk.sent.map((s) => s.url)).toEqual([
      `${BASE}/api/v2/search.json?query=type%3Aticket+requester_id%3A7+created%3E2026-11-07&page%5Bsize%5D=100&sort=-created_at`,
      `${BASE}/api/v2/tickets/101.json`,
    ]);
  });

  it("sends Basic email/token auth, JSON headers and the user agent; a body on writes only", async () => {
    const zendesk = fakeZendesk([json(200, {}), json(200, {}), json(200, {})]);
    const client = createZendeskClient({ baseUrl: BASE, credentials: TOKEN_AUTH, fetch: zendesk.fetch });
    await client.send({ operation: "show_ticket", method: "GET", path: ["tickets", 1], body: { ignored: true } });
    await client.send({ operation: "update_ticket", method: "PUT", path: ["tickets", 1], body: { ticket: { a: 1 } } });
    await client.send({
      operation: "remove_tags",
      method: "DELETE",
      path: ["tickets", 1, "tags"],
      body: { tags: ["x"] },
    });
    expect(zendesk.sent[0]?.headers).toMatchObject({
      authorization: `Basic ${btoa("bot@acme.test/token:tok-123")}`,
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": "Deskmate/0.1",
    });
    expect(zendesk.sent.map((s) => [s.method, s.body])).toEqual([
      ["GET", null],
      ["PUT", '{"ticket":{"a":1}}'],
      ["DELETE", '{"tags":["x"]}'],
    ]);
  });

  it("encodes the Basic credentials as UTF-8", async () => {
    const zendesk = fakeZendesk([json(200, {})]);
    const credentials: ZendeskCredentials = { kind: "token", email: "zoë@acme.test", apiToken: "t" };
    await createZendeskClient({ baseUrl: BASE, credentials, fetch: zendesk.fetch }).send({
      operation: "who_am_i",
      method: "GET",
      path: ["users", "me"],
    });
    const encoded = zendesk.sent[0]?.headers.authorization?.replace(/^Basic /, "") ?? "";
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe("zoë@acme.test/token:t");
  });

  it("returns the whole body: sideloads and pagination links stay", async () => {
    const page = {
      comments: [{ id: 1 }],
      users: [{ id: 7, role: "end-user" }],
      meta: { has_more: true, after_cursor: "abc" },
      links: { next: `${BASE}/api/v2/tickets/1/comments.json?page%5Bafter%5D=abc` },
    };
    const zendesk = fakeZendesk([json(200, page)]);
    const client = createZendeskClient({ baseUrl: BASE, credentials: TOKEN_AUTH, fetch: zendesk.fetch });
    await expect(
      client.send({ operation: "list_comments", method: "GET", path: ["tickets", 1, "comments"] }),
    ).resolves.toEqual(page);
  });

  it("reads a 204 or a body that is not JSON as an empty object", async () => {
    const zendesk = fakeZendesk([new Response(null, { status: 204 }), new Response("ok", { status: 200 })]);
    const client = createZendeskClient({ baseUrl: BASE, credentials: TOKEN_AUTH, fetch: zendesk.fetch });
    await expect(client.send({ operation: "a", method: "PUT", path: ["tickets", 1, "tags"] })).resolves.toEqual({});
    await expect(client.send({ operation: "b", method: "GET", path: ["tickets", 1] })).resolves.toEqual({});
  });
});

describe("zendesk client: OAuth", () => {
  function tokens(issued: string[]) {
    let invalidated = 0;
    return {
      provider: {
        getToken: async () => issued[Math.min(invalidated, issued.length - 1)] ?? "",
        invalidate: () => void invalidated++,
      },
      invalidations: () => invalidated,
    };
  }

  it("sends a Bearer token; a 401 gets a fresh token and exactly one more attempt", async () => {
    const t = tokens(["old", "new"]);
    const zendesk = fakeZendesk([json(401, { error: "invalid_token" }), json(200, { user: { id: 1 } })]);
    const client = createZendeskClient({
      baseUrl: BASE,
      credentials: { kind: "oauth", tokens: t.provider },
      fetch: zendesk.fetch,
    });
    await expect(client.send({ operation: "who_am_i", method: "GET", path: ["users", "me"] })).resolves.toEqual({
      user: { id: 1 },
    });
    expect(zendesk.sent.map((s) => s.headers.authorization)).toEqual(["Bearer old", "Bearer new"]);
    expect(t.invalidations()).toBe(1);
  });

  it("a second 401 is an auth error naming the OAuth settings, after two requests", async () => {
    const t = tokens(["old", "new"]);
    const zendesk = fakeZendesk([json(401, { error: "invalid_token" }), json(401, { error: "invalid_token" })]);
    const client = createZendeskClient({
      baseUrl: BASE,
      credentials: { kind: "oauth", tokens: t.provider },
      fetch: zendesk.fetch,
    });
    const error = await failure(client.send({ operation: "who_am_i", method: "GET", path: ["users", "me"] }));
    expect(error).toMatchObject({ status: 401, code: "helpdesk_auth", retryable: false });
    expect(error.message).toContain("ZENDESK_OAUTH_CLIENT_ID");
    expect(zendesk.sent).toHaveLength(2);
  });

  it("an API-token 401 is not retried and names the token settings", async () => {
    const zendesk = fakeZendesk([json(401, { error: "Couldn't authenticate you" })]);
    const client = createZendeskClient({ baseUrl: BASE, credentials: TOKEN_AUTH, fetch: zendesk.fetch });
    const error = await failure(client.send({ operation: "who_am_i", method: "GET", path: ["users", "me"] }));
    expect(error.message).toBe(
      "who_am_i: HTTP 401: Couldn't authenticate you: check ZENDESK_EMAIL/ZENDESK_API_TOKEN " +
        "(API tokens stop working on 2027-04-30: move to OAuth)",
    );
    expect(zendesk.sent).toHaveLength(1);
  });
});

describe("zendesk client: errors", () => {
  const send = (answer: Response | Error) => {
    const zendesk = fakeZendesk([answer]);
    const client = createZendeskClient({
      baseUrl: BASE,
      credentials: TOKEN_AUTH,
      fetch: zendesk.fetch,
      now: () => Date.parse("2026-12-07T06:00:00Z"),
    });
    return failure(client.send({ operation: "update_ticket", method: "PUT", path: ["tickets", 1], body: { a: 1 } }));
  };

  it("429 carries Retry-After in seconds", async () => {
    const error = await send(json(429, { error: "TooManyRequests" }, { "retry-after": "7" }));
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 7 });
  });

  it("Retry-After as an HTTP date is read against now", async () => {
    const error = await send(
      new Response("busy", { status: 503, headers: { "retry-after": "Mon, 07 Dec 2026 06:00:30 GMT" } }),
    );
    expect(error).toMatchObject({ status: 503, retryable: true, retryAfterSeconds: 30 });
  });

  it("409 and 422 keep Zendesk's error and description", async () => {
    const conflict = await send(json(409, { error: "UpdateConflict", description: "Ticket was updated" }));
    expect(conflict).toMatchObject({ status: 409, code: "helpdesk_conflict" });
    expect(conflict.message).toBe("update_ticket: HTTP 409: UpdateConflict: Ticket was updated");
    const invalid = await send(json(422, { error: { title: "Invalid attribute", message: "x" } }));
    expect(invalid.message).toBe("update_ticket: HTTP 422: Invalid attribute");
  });

  it("a status outside the usual table (502 from a proxy, HTML body) is still an error", async () => {
    const error = await send(
      new Response("<html>bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
    );
    expect(error).toMatchObject({ status: 502, retryable: true });
  });

  it("a network error or a JSON body that does not parse is status 0", async () => {
    expect(await send(new TypeError("fetch failed"))).toMatchObject({ status: 0, code: "helpdesk_unreachable" });
    const broken = new Response("{not json", { status: 200, headers: { "content-type": "application/json" } });
    expect(await send(broken)).toMatchObject({ status: 0, retryable: true });
  });
});
