/// <reference path="./text-modules.d.ts" />
import type { Passage } from "../ports/knowledge.ts";
import { packPassage, parseKnowledgePack } from "./parse-knowledge-pack.ts";
// Bundled as text: wrangler.toml's `[[rules]] type = "Text"` (and a plugin in test/vitest.config.ts).
import returnsPolicy from "./pack/returns-policy.md";
import supportHours from "./pack/support-hours.md";

/** The pack files bundled with the worker: slug (file name without .md) -> markdown source. */
const PACK_FILES: Record<string, string> = {
  "returns-policy": returnsPolicy,
  "support-hours": supportHours,
};

let cached: Passage[] | undefined;

/**
 * The bundled local knowledge pack as article-sized passages (`pack:<slug>`), for policies that are not
 * in the help center. Parsed once per isolate; a malformed file throws ConfigError, which the pack test
 * (test/unit/knowledge-pack.test.ts) catches before it ships.
 */
export function knowledgePack(): Passage[] {
  cached ??= parsePackFiles(PACK_FILES);
  return cached;
}

/** Pack files (slug -> markdown source) as passages; throws ConfigError naming the first bad file. */
export function parsePackFiles(files: Record<string, string>): Passage[] {
  return Object.entries(files).map(([slug, source]) => packPassage(parseKnowledgePack(slug, source)));
}
