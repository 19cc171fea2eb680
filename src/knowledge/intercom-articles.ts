import { z } from "zod";
import { HelpdeskError } from "../errors.ts";
import type { IntercomApi } from "../helpdesk/intercom/intercom-client.ts";
import type { Logger } from "../observability/logger.ts";
import { htmlToText } from "./html-to-text.ts";
import type { Knowledge, Passage } from "./knowledge.ts";

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

/** The phrase goes into a URL; a whole pasted email thread is not a better query. */
const MAX_QUERY_CHARS = 300;

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

  async search(query: string, options: { locale?: string; limit?: number } = {}): Promise<Passage[]> {
    const phrase = shorten(query.replace(/\s+/g, " ").trim(), MAX_QUERY_CHARS, "");
    if (phrase === "") return [];
    const limit = Math.min(100, Math.max(1, Math.floor(options.limit ?? this.#defaultLimit)));
    const started = Date.now();
    try {
      const parsed = responseSchema.safeParse(await this.#api.searchArticles({ phrase, state: "published" }));
      if (!parsed.success) {
        this.#log.warn("article search returned an unexpected body", { latency_ms: Date.now() - started });
        return [];
      }
      const results = parsed.data.data.articles;
      const usable = results.flatMap((r) => {
        const article = articleSchema.safeParse(r);
        // The state filter is asked for; a draft slipping through must still never reach a customer.
        return article.success && (article.data.state ?? "published") === "published" ? [article.data] : [];
      });
      const passages = usable.slice(0, limit).map((a) => this.#toPassage(a));
      this.#log.info("article search", {
        results: results.length,
        dropped: results.length - usable.length,
        passages: passages.length,
        latency_ms: Date.now() - started,
      });
      return passages;
    } catch (error) {
      const status = error instanceof HelpdeskError ? error.status : null;
      const code = error instanceof HelpdeskError ? error.code : "unexpected_error";
      this.#log.warn("article search failed; continuing without passages", { status, code, latency_ms: Date.now() - started });
      return [];
    }
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

function shorten(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}${ellipsis}`;
}
