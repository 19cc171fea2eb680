import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Knowledge, Passage } from "../ports/knowledge.ts";
import { rankPassages } from "./rank-passages.ts";
import { splitArticle } from "./split-article.ts";

export interface PassageKnowledgeOptions {
  /** The platform's help center adapter; its passages are whole articles (id, title, url, updated_at, body). */
  articles: Knowledge;
  /** Where split article bodies are cached; null disables the cache. */
  store: Pick<StateStore, "kv" | "key"> | null;
  /** The `knowledge_cache_minutes` setting, read per search (settings can change while the isolate lives). */
  cacheMinutes: () => Promise<number>;
  /** Local knowledge pack passages (article-sized), ranked together with the help center's. */
  pack?: readonly Passage[];
  logger: Logger;
}

/** Articles asked for beyond the passages wanted: the answer is often in the second or third result. */
const EXTRA_ARTICLES = 3;

/**
 * Platform-neutral retrieval: search articles with the help center adapter (a few more than needed),
 * split each body into passages, rank them with the pack's for the question, keep the best `limit`.
 * Split bodies are cached per article id + updated_at, so an edited article is re-read at once.
 * When nothing matches a term (the help center's own search may know synonyms), the first passage of
 * each article found is kept, in the help center's relevance order.
 */
export class PassageKnowledge implements Knowledge {
  readonly #options: PassageKnowledgeOptions;
  readonly #log: Logger;
  #packPassages: Passage[] | undefined;

  constructor(options: PassageKnowledgeOptions) {
    this.#options = options;
    this.#log = options.logger.child({ knowledge: "passages" });
  }

  async search(query: string, options: { locale?: string; limit?: number } = {}): Promise<Passage[]> {
    const limit = Math.min(10, Math.max(1, Math.floor(options.limit ?? 4)));
    const articles = await this.#options.articles.search(query, {
      limit: limit + EXTRA_ARTICLES,
      ...(options.locale ? { locale: options.locale } : {}),
    });
    const ttlSeconds = Math.round((await this.#options.cacheMinutes().catch(() => 0)) * 60);
    let cacheHits = 0;
    const split = await Promise.all(
      articles.map(async (article) => {
        const cached = await this.#cached(article, options.locale, ttlSeconds);
        if (cached) cacheHits += 1;
        return cached ?? (await this.#splitAndCache(article, options.locale, ttlSeconds));
      }),
    );
    this.#packPassages ??= (this.#options.pack ?? []).flatMap((doc) => splitArticle(doc));
    const ranked = rankPassages(query, [...split.flat(), ...this.#packPassages], limit);
    const passages = ranked.length ? ranked : split.flatMap((parts) => parts.slice(0, 1)).slice(0, limit);
    this.#log.info("passages ranked", {
      articles: articles.length,
      cache_hits: cacheHits,
      passages: passages.length,
      matched: ranked.length,
    });
    return passages;
  }

  #cacheKey(article: Passage, locale: string | undefined): string[] {
    return ["knowledge", "article", article.id, article.updatedAt ?? "undated", locale ?? "default"];
  }

  async #cached(article: Passage, locale: string | undefined, ttlSeconds: number): Promise<Passage[] | null> {
    const store = this.#options.store;
    if (!store || ttlSeconds <= 0) return null;
    try {
      const raw = await store.kv.get(store.key(...this.#cacheKey(article, locale)));
      if (raw === null) return null;
      const texts = JSON.parse(raw) as unknown;
      if (!Array.isArray(texts) || !texts.every((t) => typeof t === "string")) return null;
      // Title and url come from the fresh search result; only the split body is reused.
      return texts.map((text, i) => ({ ...article, id: `${article.id}#${i + 1}`, text }));
    } catch (error) {
      this.#log.warn("article cache read failed; splitting the body again", { error });
      return null;
    }
  }

  async #splitAndCache(article: Passage, locale: string | undefined, ttlSeconds: number): Promise<Passage[]> {
    const passages = splitArticle(article);
    const store = this.#options.store;
    if (store && ttlSeconds > 0) {
      const value = JSON.stringify(passages.map((p) => p.text));
      await store.kv.set(store.key(...this.#cacheKey(article, locale)), value, ttlSeconds).catch((error: unknown) => {
        this.#log.warn("article cache write failed", { error });
      });
    }
    return passages;
  }
}
