import { describe, expect, it } from "vitest";
import { createIntercomApi, type IntercomApiOptions } from "../../src/platforms/intercom/intercom-client.ts";
import { helpdeskFailure, jsonResponse } from "../support/http-answers.ts";

const BASE = "https://api.intercom.io";
const CONFIG = { accessToken: "ic-token", baseUrl: BASE, version: "2.16" };
const NOW = Date.parse("2026-12-07T06:00:00Z");

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = Response | Error | ((signal: AbortSignal | null) => Promise<Response>);

/** A scripted Intercom: answers in order, records what the client sent and the waits between retries. */
function fakeIntercom(answers: Answer[], options: Partial<IntercomApiOptions> = {}) {
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = request.body ? await request.text() : "";
    sent.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error("no scripted answer left");
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer(init?.signal ?? null) : answer;
  };
  const api = createIntercomApi({
    config: CONFIG,
    fetch,
    now: () => NOW,
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    ...options,
  });
  return { api, sent, sleeps };
}

const json = jsonResponse;
const errorList = (code: string, message: string) => ({ type: "error.list", errors: [{ code, message }] });

const failure = helpdeskFailure;

describe("intercom client: requests", () => {
  it("sends the token, the pinned Intercom-Version and JSON headers; a content type only with a body", async () => {
    const { api, sent } = fakeIntercom([json(200, { type: "admin", id: "900" }), json(200, { id: "5", name: "vip" })]);
    await api.identify();
    await api.createTag("vip");
    expect(sent[0]).toMatchObject({ method: "GET", url: `${BASE}/me`, body: undefined });
    expect(sent[0]?.headers).toMatchObject({
      authorization: "Bearer ic-token",
      "intercom-version": "2.16",
      accept: "application/json",
    });
    expect(sent[0]?.headers["content-type"]).toBeUndefined();
    expect(sent[1]).toMatchObject({ method: "POST", url: `${BASE}/tags`, body: { name: "vip" } });
    expect(sent[1]?.headers["content-type"]).toBe("application/json");
  });

  it("encodes path parameters and query values", async () => {
    const { api, sent } = fakeIntercom([json(200, { id: "1" }), json(200, { type: "list", data: {} })]);
    await api.findConversation("12/3");
    await api.searchArticles({ phrase: "reset password & 2fa", state: "published" });
    expect(sent.map((s) => s.url)).toEqual([
      `${BASE}/conversations/12%2F3?display_as=plaintext`,
      `${BASE}/articles/search?phrase=reset%20password%20%26%202fa&state=published`,
    ]);
  });

  it("builds the write bodies Intercom documents", async () => {
    const part = json(200, { type: "conversation", id: "7" });
    const tag = () => json(200, { type: "tag", id: "5", name: "vip" });
    const { api, sent } = fakeIntercom([part, part.clone(), tag(), tag()]);
    await api.reply("7", { message_type: "note", admin_id: "900", body: "<p>hi</p>" });
    await api.manage("7", { message_type: "assignment", type: "team", admin_id: "900", assignee_id: "42" });
    await api.tagConversation("7", "5", "900");
    await api.untagConversation("7", "5", "900");
    expect(sent.map((s) => [s.method, s.url.slice(BASE.length), s.body])).toEqual([
      ["POST", "/conversations/7/reply", { message_type: "note", admin_id: "900", body: "<p>hi</p>", type: "admin" }],
      [
        "POST",
        "/conversations/7/parts",
        { message_type: "assignment", type: "team", admin_id: "900", assignee_id: "42" },
      ],
      ["POST", "/conversations/7/tags", { id: "5", admin_id: "900" }],
      ["DELETE", "/conversations/7/tags/5", { admin_id: "900" }],
    ]);
  });

  it("searches with the query and page size; the count reads total_count", async () => {
    const query = { field: "contact_ids", operator: "=", value: "c1" };
    const { api, sent } = fakeIntercom([
      json(200, { type: "conversation.list", conversations: [{ id: "1" }], total_count: 1 }),
      json(200, { type: "conversation.list", conversations: [], total_count: 12 }),
    ]);
    await expect(api.searchConversations(query, 5)).resolves.toEqual([{ id: "1" }]);
    await expect(api.countConversations(query)).resolves.toBe(12);
    expect(sent.map((s) => s.body)).toEqual([
      { query, pagination: { per_page: 5 } },
      { query, pagination: { per_page: 1 } },
    ]);
  });

  it("reads a contact's companies from `data` or `companies`, and lists default to empty", async () => {
    const { api } = fakeIntercom([
      json(200, { type: "list", data: [{ id: "co1" }] }),
      json(200, { type: "list", companies: [{ id: "co2" }] }),
      json(200, { type: "list" }),
    ]);
    await expect(api.listContactCompanies("c1")).resolves.toEqual([{ id: "co1" }]);
    await expect(api.listContactCompanies("c1")).resolves.toEqual([{ id: "co2" }]);
    await expect(api.listTags()).resolves.toEqual([]);
  });
});

describe("intercom client: retries", () => {
  it("reads are retried on 5xx and network errors, then succeed", async () => {
    const { api, sent, sleeps } = fakeIntercom([
      json(503, errorList("service_unavailable", "try later")),
      new TypeError("fetch failed"),
      json(200, { id: "c1" }),
    ]);
    await expect(api.findContact("c1")).resolves.toEqual({ id: "c1" });
    expect(sent).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("a 429 waits until X-RateLimit-Reset", async () => {
    const reset = String(NOW / 1000 + 4);
    const { api, sleeps } = fakeIntercom([
      json(429, errorList("rate_limit_exceeded", "Too many"), { "x-ratelimit-reset": reset }),
      json(200, { id: "t1" }),
    ]);
    await expect(api.findTeam("t1")).resolves.toEqual({ id: "t1" });
    expect(sleeps).toEqual([4000]);
  });

  it("a reply is retried on 429 only: a 5xx may have posted it", async () => {
    const reset = String(NOW / 1000 + 1);
    const limited = fakeIntercom([
      json(429, errorList("rate_limit_exceeded", "Too many"), { "x-ratelimit-reset": reset }),
      json(200, { id: "7" }),
    ]);
    await limited.api.reply("7", { message_type: "comment", admin_id: "900", body: "hi" });
    expect(limited.sent).toHaveLength(2);

    const broken = fakeIntercom([json(500, errorList("server_error", "oops"))]);
    const error = await failure(broken.api.reply("7", { message_type: "comment", admin_id: "900", body: "hi" }));
    expect(error).toMatchObject({ status: 500, operation: "public_reply" });
    expect(broken.sent).toHaveLength(1);
  });

  it("a 4xx other than 408/429 is not retried", async () => {
    const { api, sent } = fakeIntercom([json(404, errorList("not_found", "Resource Not Found"))]);
    const error = await failure(api.findConversation("404"));
    expect(error).toMatchObject({ status: 404, code: "helpdesk_not_found" });
    expect(error.message).toBe("show_conversation: HTTP 404: not_found Resource Not Found");
    expect(sent).toHaveLength(1);
  });
});

describe("intercom client: errors", () => {
  const once = { retry: { maxAttempts: 1 } };

  it("401 names the token and region settings", async () => {
    const { api } = fakeIntercom([json(401, errorList("unauthorized", "Access Token Invalid"))], once);
    const error = await failure(api.listTags());
    expect(error).toMatchObject({ status: 401, code: "helpdesk_auth" });
    expect(error.message).toBe(
      "list_tags: HTTP 401: unauthorized Access Token Invalid: check INTERCOM_ACCESS_TOKEN and INTERCOM_API_URL " +
        "(the workspace's region)",
    );
  });

  it("an error body that is not JSON still gives the status", async () => {
    const html = new Response("<html>bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } });
    const { api } = fakeIntercom([html], once);
    expect(await failure(api.listOfficeHoursSchedules())).toMatchObject({
      status: 502,
      operation: "list_office_hours",
    });
  });

  it("a network error is status 0", async () => {
    const { api } = fakeIntercom([new TypeError("fetch failed")], once);
    expect(await failure(api.findAdmin("1"))).toMatchObject({ status: 0, code: "helpdesk_unreachable" });
  });

  it("no answer within the timeout is status 0, said so", async () => {
    const hang = (signal: AbortSignal | null) =>
      new Promise<Response>((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
    const { api } = fakeIntercom([hang], { ...once, timeoutInSeconds: 0.01 });
    const error = await failure(api.findContact("c1"));
    expect(error).toMatchObject({ status: 0, retryable: true });
    expect(error.message).toContain("did not answer in time");
  });

  it("a 2xx body that is not JSON is status 0", async () => {
    const { api } = fakeIntercom([new Response("<html>login</html>", { status: 200 })], once);
    expect(await failure(api.findContact("c1"))).toMatchObject({ status: 0 });
  });

  it("/me without an admin id is an auth error", async () => {
    const { api } = fakeIntercom([new Response(null, { status: 200 })], once);
    expect(await failure(api.identify())).toMatchObject({ status: 401, operation: "who_am_i" });
  });
});
