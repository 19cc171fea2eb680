import type { SandboxArticle } from "./articles.ts";
import { escapeHtml, htmlToPlain } from "./records.ts";
import type { ApiAnswer, SandboxState } from "./state.ts";

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
const DEFAULT_LOCALE = "en-us";

/**
 * ArticleSearch (`GET /api/v2/help_center/articles/search`, Help Center spec): relevance by term
 * overlap (title matches weigh more), `per_page` 1-100 (default 25) and `page`, `locale` (default the
 * help center's default locale, `*` for all), `section` and `label_names` filters. Anonymous callers
 * see only articles for everyone; the sandbox's agent sees agent-only articles too, as in Zendesk.
 * Each result carries `result_type` and a `snippet` with `<em>` around matched words.
 */
export function searchArticles(state: SandboxState, query: URLSearchParams, agent: boolean): ApiAnswer {
  const text = query.get("query") ?? "";
  const section = query.get("section");
  const labels = (query.get("label_names") ?? "")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!text.trim() && !section && !query.get("category") && labels.length === 0) {
    return {
      status: 400,
      body: { error: "InvalidSearch", description: "Specify at least one of query, category, section or label_names" },
    };
  }
  const locale = (query.get("locale") ?? DEFAULT_LOCALE).toLowerCase();
  const terms = [...new Set(words(text))].filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  const visible = state.articles.filter(
    (a) =>
      !a.draft &&
      (agent || a.user_segment_id === null) &&
      (locale === "*" || a.locale.toLowerCase() === locale) &&
      (!section || String(a.section_id) === section) &&
      labels.every((l) => a.label_names.includes(l)),
  );
  const scored = visible
    .map((article) => ({ article, score: terms.length ? score(article, terms) : 1 }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.article.id - b.article.id);

  const perPage = clamp(Number(query.get("per_page") ?? 25), 1, 100, 25);
  const page = clamp(Number(query.get("page") ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const results = scored.slice((page - 1) * perPage, page * perPage).map(({ article }) => ({
    ...structuredClone(article),
    result_type: "article",
    snippet: snippet(article, terms),
  }));
  const pageCount = Math.max(1, Math.ceil(scored.length / perPage));
  const link = (n: number) => {
    const url = new URL(`${state.baseUrl}/api/v2/help_center/articles/search.json`);
    for (const [k, v] of query) url.searchParams.set(k, v);
    url.searchParams.set("page", String(n));
    return url.toString();
  };
  return {
    status: 200,
    body: {
      count: scored.length,
      next_page: page < pageCount ? link(page + 1) : null,
      page,
      page_count: pageCount,
      per_page: perPage,
      previous_page: page > 1 ? link(page - 1) : null,
      results,
    },
  };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function score(article: SandboxArticle, terms: string[]): number {
  const title = words(article.title);
  const body = words(htmlToPlain(article.body));
  const hits = (list: string[], term: string) => list.some((w) => w.startsWith(term));
  return terms.reduce((sum, term) => sum + (hits(title, term) ? 3 : 0) + (hits(body, term) ? 1 : 0), 0);
}

/** The first sentence with a matched word, matches wrapped in `<em>`, as Zendesk highlights them. */
function snippet(article: SandboxArticle, terms: string[]): string {
  const plain = htmlToPlain(article.body).replace(/\s+/g, " ");
  const sentences = plain.split(/(?<=[.!?])\s+/);
  const matches = (word: string) => terms.some((t) => word.toLowerCase().startsWith(t));
  const chosen = sentences.find((s) => words(s).some(matches)) ?? sentences[0] ?? "";
  // Snippets are HTML: words in <em> when matched, everything else escaped.
  return chosen
    .slice(0, 200)
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) => (i % 2 === 1 ? (matches(part) ? `<em>${part}</em>` : part) : escapeHtml(part)))
    .join("");
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}
