import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZendeskHelpCenter, type ZendeskHelpCenterOptions } from "../../src/platforms/zendesk/zendesk-help-center.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { createZendeskSandbox, HELP_CENTER } from "../support/zendesk-sandbox.ts";
import { SANDBOX_OAUTH, sandboxHelpdesk } from "../support/zendesk-sandbox/sandbox-helpdesk.ts";

const sandbox = createZendeskSandbox({ oauthClient: SANDBOX_OAUTH });
const server = useMswServer(...sandbox.handlers);
const searches = () => sandbox.requests.filter((r) => r.path === "/api/v2/help_center/articles/search");
const ids = HELP_CENTER.articles;

function setup(options: Partial<Omit<ZendeskHelpCenterOptions, "api" | "logger">> = {}) {
  const { helpdesk } = sandboxHelpdesk(sandbox.baseUrl);
  const { logger, lines } = createMemoryLogger();
  return { knowledge: new ZendeskHelpCenter({ api: helpdesk.helpCenterApi(), logger, ...options }), lines };
}

beforeEach(() => sandbox.reset());
afterEach(() => expectRequestsMatchSpec(sandbox.requests));

describe("ZendeskHelpCenter.search", () => {
  it("maps articles to passages: id, title, link, date and plain text", async () => {
    const { knowledge } = setup();
    const passages = await knowledge.search("refund for a double charge");

    expect(passages[0]).toEqual({
      id: `zd-article:${ids.refunds}`,
      title: "Refund policy",
      url: `${sandbox.baseUrl}/hc/en-us/articles/${ids.refunds}-Refund-policy`,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      text: expect.stringContaining("Opened hardware returns carry a $25 restocking fee."),
    });
    expect(passages[0]?.text).toContain("within 30 days of purchase");
    expect(passages.map((p) => p.text).join("\n")).not.toMatch(/<\/?[a-z]+>|&gt;|&amp;/);
  });

  it("sends the query, per_page and the authenticated client's token", async () => {
    const { knowledge } = setup();
    await knowledge.search("  reset   my password ", { limit: 2 });

    expect(searches()).toHaveLength(1);
    expect(searches()[0]?.query).toEqual({ query: "reset my password", per_page: "4" });
    expect(searches()[0]?.headers.authorization).toMatch(/^Bearer sandbox-token-\d+$/);
  });

  it("honours the limit, the default limit and relevance order", async () => {
    const one = await setup().knowledge.search("download an invoice", { limit: 1 });
    expect(one.map((p) => p.id)).toEqual([`zd-article:${ids.invoices}`]);
    const many = await setup({ defaultLimit: 2 }).knowledge.search("days");
    expect(many).toHaveLength(2);
  });

  it("never returns agent-only articles, although the agent's search finds them", async () => {
    const { knowledge, lines } = setup();
    const passages = await knowledge.search("refund exceptions");

    expect(passages.map((p) => p.id)).toEqual([`zd-article:${ids.refunds}`]);
    expect(lines.find((l) => l.msg === "help center search")).toMatchObject({ results: 2, dropped: 1, passages: 1 });
  });

  it("passes the locale and returns that locale's articles", async () => {
    const { knowledge } = setup();
    const passages = await knowledge.search("Rückerstattung", { locale: "de" });

    expect(searches()[0]?.query.locale).toBe("de");
    expect(passages).toEqual([
      expect.objectContaining({ id: `zd-article:${ids.refundsDe}`, title: "Rückerstattungen" }),
    ]);
    expect(passages[0]?.text).toContain("innerhalb von 30 Tagen");
  });

  it("puts the matching snippet first when a long body is cut", async () => {
    sandbox.addArticle({
      id: 360009999,
      title: "Warranty",
      body: `<p>${"Our products are built to last. ".repeat(40)}</p><p>Batteries have a 12-month warranty.</p>`,
    });
    const { knowledge } = setup({ maxPassageChars: 200 });
    const [passage] = await knowledge.search("batteries warranty");

    expect(passage?.id).toBe("zd-article:360009999");
    expect(passage?.text.startsWith("Batteries have a 12-month warranty.")).toBe(true);
    expect(passage?.text.length).toBeLessThan(300);
  });

  it("makes no request for an empty query", async () => {
    expect(await setup().knowledge.search("   ")).toEqual([]);
    expect(searches()).toHaveLength(0);
  });
});

describe("ZendeskHelpCenter.search failures give [] and a warning", () => {
  it("a help center that keeps failing (after the client's retries)", async () => {
    sandbox.failNext({ path: "/api/v2/help_center/articles/search" }, [
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 },
    ]);
    const { knowledge, lines } = setup();

    expect(await knowledge.search("refund")).toEqual([]);
    expect(searches()).toHaveLength(4);
    expect(lines.at(-1)).toMatchObject({
      level: "warn",
      msg: "help center search failed; continuing without passages",
      status: 503,
    });
  });

  it("no help center at all (404), without retrying", async () => {
    sandbox.failNext({ path: "/api/v2/help_center/articles/search" }, [{ status: 404 }]);
    const { knowledge, lines } = setup();

    expect(await knowledge.search("refund")).toEqual([]);
    expect(searches()).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ level: "warn", status: 404, code: "helpdesk_not_found" });
  });

  it("an unexpected body, and drafts or malformed results inside a good one", async () => {
    const url = `${sandbox.baseUrl}/api/v2/help_center/articles/search.json`;
    server.use(http.get(url, () => HttpResponse.json({ articles: "nope" })));
    const { knowledge, lines } = setup();
    expect(await knowledge.search("refund")).toEqual([]);
    expect(lines.at(-1)).toMatchObject({ level: "warn", msg: "help center search returned an unexpected body" });

    const article = {
      id: 7,
      title: "Draft",
      html_url: "https://acme.zendesk.com/hc/en-us/articles/7",
      body: "<p>x</p>",
      user_segment_id: null,
    };
    server.use(
      http.get(url, () =>
        HttpResponse.json({
          results: [{ ...article, draft: true }, { id: "bad" }, { ...article, id: 8, title: "Live" }],
        }),
      ),
    );
    expect((await knowledge.search("refund")).map((p) => p.title)).toEqual(["Live"]);
  });

  it("never logs the query (customer text)", async () => {
    sandbox.failNext({ path: "/api/v2/help_center/articles/search" }, [{ status: 404 }]);
    const { knowledge, lines } = setup();
    await knowledge.search("my card 4242 was charged twice");
    await knowledge.search("my card 4242 was charged twice");
    expect(JSON.stringify(lines)).not.toMatch(/4242|charged twice/);
  });
});
