import * as z from "zod";
import type { ZendeskApi } from "./zendesk-client.ts";
import type { Logger } from "../../lib/logger.ts";
import { htmlToText } from "../../lib/html-to-text.ts";
import type { Knowledge, Passage } from "../../ports/knowledge.ts";
import { searchSafely, shorten } from "../../knowledge/search-safely.ts";

export interface ZendeskHelpCenterOptions {
  /** The Zendesk client with auth and retries, e.g. `ZendeskHelpdesk#helpCenterApi()`. */
  api: ZendeskApi;
  logger: Logger;
  /** Passages when the caller gives no limit (the `knowledge_max_passages` setting). Default 4. */
  defaultLimit?: number;
  /** Longest passage text; longer article bodies are cut at a word boundary. Default 2000. */
  maxPassageChars?: number;
  /**
   * Keep articles limited to a user segment. Off by default: the API user is an agent and sees
   * agent-only articles, whose content must not reach customers. Turn on only for help centers whose
   * every article is customer-facing but needs sign-in.
   */
  includeRestricted?: boolean;
}

/** ArticleSearch results: the article fields read here, plus `snippet` (Help Center spec, ArticleSearch). */
const resultSchema = z.object({
  id: z.number(),
  title: z.string(),
  html_url: z.string(),
  updated_at: z.string().nullish(),
  body: z.string().nullish(),
  snippet: z.string().nullish(),
  draft: z.boolean().nullish(),
  user_segment_id: z.number().nullish(),
  user_segment_ids: z.array(z.number()).nullish(),
});
const responseSchema = z.object({ results: z.array(z.unknown()) });
type Article = z.infer<typeof resultSchema>;

/**
 * The Knowledge port on Zendesk Guide: `GET /api/v2/help_center/articles/search` (relevance order).
 * A failing or missing help center gives [] and a warning: it must never block an escalation.
 * The query is customer text and is never logged.
 */
export class ZendeskHelpCenter implements Knowledge {
  readonly #api: ZendeskApi;
  readonly #log: Logger;
  readonly #defaultLimit: number;
  readonly #maxChars: number;
  readonly #includeRestricted: boolean;

  constructor(options: ZendeskHelpCenterOptions) {
    this.#api = options.api;
    this.#log = options.logger.child({ knowledge: "zendesk_help_center" });
    this.#defaultLimit = options.defaultLimit ?? 4;
    this.#maxChars = options.maxPassageChars ?? 2000;
    this.#includeRestricted = options.includeRestricted ?? false;
  }

  search(query: string, options: { locale?: string; limit?: number } = {}): Promise<Passage[]> {
    const locale = options.locale?.trim();
    return searchSafely(
      this.#log,
      "help center search",
      { query, limit: options.limit, defaultLimit: this.#defaultLimit },
      async ({ query: text, limit }) => {
        const body = await this.#api.send<unknown>({
          operation: "search_articles",
          method: "GET",
          path: ["help_center", "articles", "search"],
          // Ask for a few more than needed: drafts and restricted articles are dropped below.
          query: { query: text, per_page: String(Math.min(100, limit + 2)), ...(locale ? { locale } : {}) },
        });
        const parsed = responseSchema.safeParse(body);
        if (!parsed.success) return "unexpected_body";
        const articles = parsed.data.results.flatMap((r) => {
          const article = resultSchema.safeParse(r);
          return article.success ? [article.data] : [];
        });
        const usable = articles.filter((a) => a.draft !== true && (this.#includeRestricted || isForEveryone(a)));
        const passages = usable.slice(0, limit).map((a) => this.#toPassage(a));
        return {
          passages,
          fields: {
            locale: locale ?? null,
            results: parsed.data.results.length,
            dropped: parsed.data.results.length - usable.length,
          },
        };
      },
    );
  }

  #toPassage(article: Article): Passage {
    const body = htmlToText(article.body ?? "");
    const snippet = htmlToText(article.snippet ?? "");
    let text = body.length <= this.#maxChars ? body : shorten(body, this.#maxChars);
    // A cut body may miss the part that matched; the snippet is that part.
    if (body.length > this.#maxChars && snippet) text = `${snippet}\n\n${text}`;
    return {
      id: `zd-article:${article.id}`,
      title: article.title,
      url: article.html_url,
      updatedAt: article.updated_at ?? null,
      text: text || snippet,
    };
  }
}

/** `user_segment_id: null` (and no `user_segment_ids`) means visible to everyone, anonymous visitors included. */
function isForEveryone(article: Article): boolean {
  return (article.user_segment_id ?? null) === null && (article.user_segment_ids ?? []).length === 0;
}
