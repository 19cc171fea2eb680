import { describe, expect, it } from "vitest";
import type { Knowledge, Passage } from "../../src/ports/knowledge.ts";
import { PassageKnowledge } from "../../src/knowledge/passage-knowledge.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";

const filler = "Our team reviews every request carefully and keeps you posted by email. ".repeat(7);

function article(id: string, updatedAt: string, answer: string): Passage {
  return {
    id,
    title: `Article ${id}`,
    url: `https://acme.example/${id}`,
    updatedAt,
    text: `Overview\n\n${filler}\n\nDetails\n\n${answer}`,
  };
}

/** A help center adapter that serves the given articles and records what it was asked. */
function fakeArticles(articles: () => Passage[]) {
  const calls: Array<{ query: string; options: unknown }> = [];
  const knowledge: Knowledge = {
    search: async (query, options) => {
      calls.push({ query, options });
      return articles();
    },
  };
  return { knowledge, calls };
}

function setup(articles: () => Passage[], options: { cacheMinutes?: number; pack?: Passage[] } = {}) {
  const kv = new MemoryKvStore();
  const store = new StateStore(kv, { platform: "zendesk", account: "acme" });
  const source = fakeArticles(articles);
  const { logger } = createMemoryLogger();
  const knowledge = new PassageKnowledge({
    articles: source.knowledge,
    store,
    cacheMinutes: async () => options.cacheMinutes ?? 60,
    ...(options.pack ? { pack: options.pack } : {}),
    logger,
  });
  return { knowledge, calls: source.calls, kv, store };
}

describe("PassageKnowledge", () => {
  it("asks for a few more articles than passages (with the locale); returns the answering passage first", async () => {
    const { knowledge, calls } = setup(() => [
      article("zd-article:1", "2026-11-01T00:00:00Z", "Invoices are emailed on the first day of each month."),
      article("zd-article:2", "2026-11-01T00:00:00Z", "Refunds reach your card within 5-7 business days."),
    ]);
    const passages = await knowledge.search("when does my refund reach my card", { limit: 2, locale: "de" });
    expect(calls).toEqual([{ query: "when does my refund reach my card", options: { limit: 5, locale: "de" } }]);
    expect(passages[0]).toMatchObject({
      id: "zd-article:2#2",
      title: "Article zd-article:2",
      url: "https://acme.example/zd-article:2",
    });
    expect(passages.length).toBeLessThanOrEqual(2);
  });

  it("caches split bodies per article id + updated_at: a hit reuses them, an edited article is re-read", async () => {
    let body = "Refunds reach your card within 5-7 business days.";
    let updatedAt = "2026-11-01T00:00:00Z";
    const { knowledge, kv, store } = setup(() => [article("zd-article:2", updatedAt, body)]);
    await knowledge.search("refund card");
    expect(await kv.get(store.key("knowledge", "article", "zd-article:2", updatedAt, "default"))).toContain(
      "5-7 business days",
    );

    // Same updated_at: the cached split is used (the changed body is not read).
    body = "Refunds reach your card within 3 business days.";
    expect((await knowledge.search("refund card"))[0]?.text).toContain("5-7 business days");

    // The article was edited (new updated_at): its body is read and split again.
    updatedAt = "2026-11-20T00:00:00Z";
    expect((await knowledge.search("refund card"))[0]?.text).toContain("3 business days");
  });

  it("cache_minutes 0 turns the cache off", async () => {
    let body = "Refunds take 5 days.";
    const { knowledge } = setup(() => [article("zd-article:3", "2026-11-01T00:00:00Z", body)], { cacheMinutes: 0 });
    await knowledge.search("refund");
    body = "Refunds take 2 days.";
    expect((await knowledge.search("refund"))[0]?.text).toContain("2 days");
  });

  it("ranks local knowledge pack passages together with the help center's", async () => {
    const pack: Passage[] = [
      {
        id: "pack:support-hours",
        title: "Support hours",
        url: "https://acme.example/hours",
        updatedAt: "2026-09-01",
        text: "Our support team works Monday to Friday, 8:00 to 18:00.",
      },
    ];
    const { knowledge } = setup(
      () => [article("zd-article:1", "2026-11-01T00:00:00Z", "Invoices are emailed monthly.")],
      { pack },
    );
    const passages = await knowledge.search("what are your support hours on friday");
    expect(passages[0]?.id).toBe("pack:support-hours#1");
    // A pack passage that matches nothing is not sent along.
    expect((await knowledge.search("invoices emailed")).map((p) => p.id)).not.toContain("pack:support-hours#1");
  });

  it("when no passage matches a term, keeps the first passage of each article the help center found", async () => {
    const { knowledge } = setup(() => [
      article("zd-article:1", "2026-11-01T00:00:00Z", "x"),
      article("zd-article:2", "2026-11-01T00:00:00Z", "y"),
    ]);
    expect((await knowledge.search("zzzz qqqq", { limit: 4 })).map((p) => p.id)).toEqual([
      "zd-article:1#1",
      "zd-article:2#1",
    ]);
  });
});
