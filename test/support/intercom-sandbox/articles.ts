import { seedArticles, type SandboxArticle } from "../zendesk-sandbox/articles.ts";
import { SandboxState } from "../zendesk-sandbox/state.ts";
import { plainText, type SandboxIntercomArticle } from "./records.ts";
import type { ApiAnswer, IntercomSandboxState } from "./state.ts";

export interface IntercomArticleInput {
  title: string;
  /** HTML. */
  body: string;
  id?: string;
  state?: "published" | "draft";
  locale?: string;
  updatedAt?: number;
}

/**
 * The Zendesk sandbox's help center articles, as Intercom articles with the same ids, titles, bodies
 * and dates. Its agent-only article is left out: agent-only content is an internal article in
 * Intercom, a separate API (/internal_articles) that /articles/search does not return.
 */
export function seedIntercomArticles(state: IntercomSandboxState): void {
  const zendesk = new SandboxState("https://acme.zendesk.com", state.now);
  seedArticles(zendesk);
  state.articles = zendesk.articles.filter((a) => a.user_segment_id === null).map((a) => fromZendesk(state, a));
}

function fromZendesk(state: IntercomSandboxState, a: SandboxArticle): SandboxIntercomArticle {
  const updatedAt = Math.floor(Date.parse(a.updated_at) / 1000);
  return buildIntercomArticle(state, {
    id: String(a.id),
    title: a.title,
    body: a.body,
    state: a.draft ? "draft" : "published",
    locale: a.locale.slice(0, 2),
    updatedAt,
  });
}

export function buildIntercomArticle(state: IntercomSandboxState, input: IntercomArticleInput): SandboxIntercomArticle {
  const id = input.id ?? state.id();
  const at = input.updatedAt ?? state.nowS();
  const slug = input.title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
  const published = (input.state ?? "published") === "published";
  return {
    id,
    title: input.title,
    bodyHtml: input.body,
    // Intercom gives a URL only to articles published in a help center.
    url: published ? `https://intercom.help/acme/${input.locale ?? "en"}/articles/${id}-${slug}` : null,
    state: input.state ?? "published",
    locale: input.locale ?? "en",
    authorId: "901",
    createdAt: at,
    updatedAt: at,
  };
}

const STOP_WORDS = new Set([
  "the",
  "and",
  "for",
  "you",
  "your",
  "can",
  "how",
  "what",
  "with",
  "are",
  "was",
  "is",
  "it",
  "my",
  "me",
  "to",
  "of",
  "in",
  "on",
  "a",
  "an",
  "do",
  "i",
]);

/**
 * GET /articles/search (searchArticles): `phrase` matched by term overlap (title matches weigh
 * more), `state` published | draft | all (default all), at most 10 results (one page).
 */
export function searchIntercomArticles(state: IntercomSandboxState, query: URLSearchParams): ApiAnswer {
  const wanted = query.get("state") ?? "all";
  if (!["published", "draft", "all"].includes(wanted))
    return {
      status: 400,
      body: { type: "error.list", errors: [{ code: "parameter_invalid", message: "state is invalid" }] },
    };
  const terms = [...new Set(words(query.get("phrase") ?? ""))].filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  const scored = state.articles
    .filter((a) => wanted === "all" || a.state === wanted)
    .map((article) => ({ article, score: terms.length ? score(article, terms) : 1 }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.article.id.localeCompare(b.article.id));
  const articles = scored.slice(0, 10).map(({ article: a }) => ({
    id: a.id,
    type: "article",
    workspace_id: state.appIdCode,
    parent_id: null,
    parent_type: null,
    parent_ids: [],
    tags: { type: "tag.list", tags: [] },
    title: a.title,
    description: "",
    body: a.bodyHtml,
    author_id: Number(a.authorId),
    state: a.state,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    url: a.url,
    default_locale: a.locale,
  }));
  return {
    status: 200,
    body: {
      type: "list",
      total_count: scored.length,
      data: { articles, highlights: [] },
      pages: { type: "pages", page: 1, total_pages: 1, per_page: 10 },
    },
  };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function score(article: SandboxIntercomArticle, terms: string[]): number {
  const title = words(article.title);
  const body = words(plainText(article.bodyHtml));
  const hits = (list: string[], term: string) => list.some((w) => w.startsWith(term));
  return terms.reduce((sum, term) => sum + (hits(title, term) ? 3 : 0) + (hits(body, term) ? 1 : 0), 0);
}
