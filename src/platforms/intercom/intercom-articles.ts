import * as z from "zod";
import type { IntercomApi } from "./intercom-client.ts";
import type { Logger } from "../../lib/logger.ts";
import { htmlToText } from "../../lib/html-to-text.ts";
import type { Knowledge, Passage } from "../../ports/knowledge.ts";
import { searchSafely, shorten } from "../../knowledge/search-safely.ts";

export interface IntercomArticlesOptions {
  /** The authenticated, retried client, e.g. `IntercomHelpdesk#articlesApi()`. */
  api: Pick<IntercomApi, "searchArticles">;
  logger: Logger;
  /** Passages when the caller gives no limit (the `knowledge_max_passages` setting). Default 4. */
  defaultLimit?: number;
  /** Longest passage text; longer article bodies are cut at a word boundary. Default 2000. */
  maxPassageChars?: number;
}

/** article_list_item in specs/intercom-api-2.16.yaml: the fields read here. */
const articleSchema = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.string(),
  body: z.string().nullish(),
  url: z.string().nullish(),
  state: z.string().nullish(),
  updated_at: z.number().nullish(),
});
/** article_search_response: `data.articles`. */
const responseSchema = z.object({ data: z.object({ articles: z.array(z.unknown()) }) });
type Article = z.infer<typeof articleSchema>;

/**
 * The Knowledge port on Intercom's Help Center: `GET /articles/search?phrase=...&state=published`.
 * Only published articles are used: they are the help center's customer-facing content, while
 * agent-only content lives in internal articles (a separate API, not searched). The search has no locale
 * or page-size parameter: results are cut to the limit here. A failing search gives [] and a
 * warning: it must never block an escalation. The query is customer text and is never logged.
 */
export class IntercomArticles implements Knowledge {
  readonly #api: Pick<IntercomApi, "searchArticles">;
  readonly #log: Logger;
  readonly #defaultLimit: number;
  readonly #maxChars: number;

  constructor(options: IntercomArticlesOptions) {
    this.#api = options.api;
    this.#log = options.logger.child({ knowledge: "intercom_articles" });
    this.#defaultLimit = options.defaultLimit ?? 4;
    this.#maxChars = options.maxPassageChars ?? 2000;
  }

  search(query: string, options: { locale?: string; limit?: number } = {}): Promise<Passage[]> {
    return searchSafely(
      this.#log,
      "article search",
      { query, limit: options.limit, defaultLimit: this.#defaultLimit },
      async ({ query: phrase, limit }) => {
        const parsed = responseSchema.safeParse(await this.#api.searchArticles({ phrase, state: "published" }));
        if (!parsed.success) return "unexpected_body";
        const results = parsed.data.data.articles;
        const usable = results.flatMap((r) => {
          const article = articleSchema.safeParse(r);
          // The state filter is asked for; a draft slipping through must still never reach a customer.
          return article.success && (article.data.state ?? "published") === "published" ? [article.data] : [];
        });
        const passages = usable.slice(0, limit).map((a) => this.#toPassage(a));
        return { passages, fields: { results: results.length, dropped: results.length - usable.length } };
      },
    );
  }

  #toPassage(article: Article): Passage {
    const body = htmlToText(article.body ?? "");
    return {
      id: `ic-article:${article.id}`,
      title: article.title,
      url: article.url ?? "",
      updatedAt: article.updated_at ? new Date(article.updated_at * 1000).toISOString().replace(".000Z", "Z") : null,
      text: body.length <= this.#maxChars ? body : shorten(body, this.#maxChars),
    };
  }
}
