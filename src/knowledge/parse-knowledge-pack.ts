import * as z from "zod";
import { ConfigError } from "../lib/errors.ts";
import { htmlToText } from "../lib/html-to-text.ts";
import type { Passage } from "../ports/knowledge.ts";

/** One knowledge pack file: markdown with a front matter block. */
export interface PackDocument {
  slug: string;
  title: string;
  url: string;
  updatedAt: string;
  topics: string[];
  body: string;
}

const frontMatterSchema = z.strictObject({
  title: z.string().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }),
  updated_at: z.iso.date().or(z.iso.datetime({ offset: true })),
  topics: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t !== ""),
    )
    .default([]),
});

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Parses a pack file: a `---` line, `key: value` lines (title, url, updated_at, topics as a comma
 * list), a `---` line, then the markdown body. Deliberately tiny and strict (no YAML features): a
 * malformed file fails loudly with its slug and what is wrong, so a bad pack never ships silently.
 */
export function parseKnowledgePack(slug: string, source: string): PackDocument {
  const fail = (why: string) => new ConfigError(`knowledge pack "${slug}": ${why}`);
  if (!SLUG.test(slug)) throw fail("file names use lowercase letters, digits and - (e.g. returns-policy.md)");
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source.replace(/^\uFEFF/, ""));
  if (!match) throw fail("missing front matter (the file must start with a --- block)");
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const pair = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (!pair?.[1]) throw fail(`front matter line is not "key: value": ${JSON.stringify(line.slice(0, 60))}`);
    if (pair[1] in fields) throw fail(`front matter key "${pair[1]}" appears twice`);
    fields[pair[1]] = unquote((pair[2] ?? "").trim());
  }
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((i) => `${i.path.join(".") || "front matter"}: ${i.message}`).join("; "));
  }
  const body = (match[2] ?? "").trim();
  if (body === "") throw fail("the body is empty");
  const { title, url, updated_at: updatedAt, topics } = parsed.data;
  return { slug, title, url, updatedAt, topics, body };
}

/** A pack document as one article-sized Passage (`pack:<slug>`), markdown reduced to plain text. */
export function packPassage(doc: PackDocument): Passage {
  return {
    id: `pack:${doc.slug}`,
    title: doc.title,
    url: doc.url,
    updatedAt: doc.updatedAt,
    text: markdownToText(doc.body),
  };
}

/** Enough markdown for ranking and prompts: headings and emphasis marks go, links keep their text. */
function markdownToText(markdown: string): string {
  return htmlToText(
    markdown
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__|`)/g, "")
      .replace(/^\s*[-*]\s+/gm, "- "),
  );
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}
