import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IntercomArticles, type IntercomArticlesOptions } from "../../src/platforms/intercom/intercom-articles.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX as IC } from "../support/intercom-sandbox.ts";
import { sandboxIntercomHelpdesk } from "../support/intercom-sandbox/sandbox-helpdesk.ts";
import { HELP_CENTER } from "../support/zendesk-sandbox.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";

const sandbox = createIntercomSandbox();
useMswServer(...sandbox.handlers);
const searches = () => sandbox.requests.filter((r) => r.path === "/articles/search");
const ids = HELP_CENTER.articles;

function setup(options: Partial<Omit<IntercomArticlesOptions, "api" | "logger">> = {}) {
  const { helpdesk, sleeps } = sandboxIntercomHelpdesk(sandbox.baseUrl);
  const { logger, lines } = createMemoryLogger();
  return { knowledge: new IntercomArticles({ api: helpdesk.articlesApi(), logger, ...options }), lines, sleeps };
}

beforeEach(() => sandbox.reset());
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("IntercomArticles.search", () => {
  it("maps published articles to passages: ic-article id, title, link, ISO date, plain text", async () => {
    const passages = await setup().knowledge.search("refund for a double charge");
    expect(passages[0]).toEqual({
      id: `ic-article:${ids.refunds}`,
      title: "Refund policy",
      url: `https://intercom.help/acme/en/articles/${ids.refunds}-refund-policy`,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      text: expect.stringContaining("Opened hardware returns carry a $25 restocking fee."),
    });
    expect(passages.map((p) => p.text).join("\n")).not.toMatch(/<\/?[a-z]+>|&gt;|&amp;/);
  });

  it("sends the phrase (whitespace collapsed) and state=published with the helpdesk's auth and version", async () => {
    await setup().knowledge.search("  reset   my password ");
    expect(searches()).toHaveLength(1);
    expect(searches()[0]?.query).toEqual({ phrase: "reset my password", state: "published" });
    expect(searches()[0]?.headers).toMatchObject({
      authorization: `Bearer ${IC.accessToken}`,
      "intercom-version": "2.16",
    });
  });

  it("honours the limit and the default limit, in relevance order", async () => {
    expect((await setup().knowledge.search("download an invoice", { limit: 1 })).map((p) => p.id)).toEqual([
      `ic-article:${ids.invoices}`,
    ]);
    expect(await setup({ defaultLimit: 2 }).knowledge.search("days")).toHaveLength(2);
  });

  it("never returns a draft, even when the API lets one through", async () => {
    sandbox.addArticle({ title: "Refund policy v2 (draft)", body: "<p>Refunds within 90 days.</p>", state: "draft" });
    sandbox.failNext({ path: "/articles/search" }, [
      {
        status: 200,
        body: {
          type: "list",
          total_count: 1,
          data: {
            articles: [
              {
                id: "1",
                type: "article",
                title: "Refund draft",
                body: "<p>Refunds within 90 days.</p>",
                state: "draft",
                url: null,
                updated_at: 1,
              },
            ],
          },
        },
      },
    ]);
    const { knowledge, lines } = setup();
    expect(await knowledge.search("refunds")).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: "article search", dropped: 1, passages: 0 }));
    expect((await knowledge.search("refunds 90 days")).map((p) => p.title)).not.toContain("Refund policy v2 (draft)");
  });

  it("cuts long bodies at a word boundary", async () => {
    sandbox.addArticle({ title: "Very long guide", body: `<p>${"word ".repeat(1000)}</p>` });
    const [passage] = await setup({ maxPassageChars: 100 }).knowledge.search("very long guide", { limit: 1 });
    expect(passage?.text.length).toBeLessThanOrEqual(101);
    expect(passage?.text.endsWith("word…")).toBe(true);
  });

  it("returns [] without a request for an empty query", async () => {
    expect(await setup().knowledge.search("   ")).toEqual([]);
    expect(searches()).toHaveLength(0);
  });

  it("returns [] with a warning when the search keeps failing or answers an odd body; logs no query", async () => {
    const { knowledge, lines, sleeps } = setup();
    sandbox.failNext(
      { path: "/articles/search" },
      Array.from({ length: 4 }, () => ({ status: 503 })),
    );
    expect(await knowledge.search("my secret order 4411")).toEqual([]);
    expect(sleeps).toHaveLength(3);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "warn", status: 503, code: "helpdesk_server_error" }),
    );

    sandbox.failNext({ path: "/articles/search" }, [{ status: 200, body: { type: "list", articles: [] } }]);
    expect(await knowledge.search("refund")).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "warn", msg: "article search returned an unexpected body" }),
    );
    expect(JSON.stringify(lines)).not.toContain("4411");
  });
});
