/** One number on a page: its `data-metric` path and the raw value the element carries. */
export interface ShownMetric {
  path: string;
  raw: string;
}

/**
 * The shown numbers that differ from the GET /admin/metrics answer, one line each (empty when all
 * agree). A path must name a leaf of the JSON (`tickets.ai_resolved`, `knowledge_gaps.0.count`); a
 * number matches when the raw text parses to the same number, a null when the raw text is empty or
 * "null". A path the JSON does not have is a mismatch: the page must not invent numbers.
 */
export function metricMismatches(shown: ShownMetric[], report: unknown): string[] {
  const problems: string[] = [];
  for (const { path, raw } of shown) {
    const value = valueAt(report, path);
    if (value === undefined) problems.push(`${path}: not in the /admin/metrics answer`);
    else if (value === null) {
      if (raw !== "" && raw !== "null") problems.push(`${path}: page shows ${JSON.stringify(raw)}, the API null`);
    } else if (typeof value === "number") {
      if (raw.trim() === "" || Number(raw) !== value) {
        problems.push(`${path}: page shows ${JSON.stringify(raw)}, the API ${value}`);
      }
    } else if (typeof value === "object") problems.push(`${path}: names an object, not a number`);
    else if (String(value) !== raw) problems.push(`${path}: page shows ${JSON.stringify(raw)}, the API ${value}`);
  }
  return problems;
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
