/**
 * `npm run eval:triage -- FILE.jsonl [FILE2.jsonl ...] [--holdout]`
 *
 * Runs the deterministic triage rules over labelled customer messages (one JSON object a line with
 * at least `id` and `text`). Writes one JSON line per row to stdout:
 *   {"id", "triggers": {human_agent, legal_regulatory, fraud_unauthorized, account_security,
 *    negative_sentiment}, "intent_category"}
 * and, for rows that carry labels (`triggers`, `intent_category`), a report per dataset (the row's
 * `dataset`, else the file name; never pooled) to stderr: recall and false-positive rate per trigger
 * with Wilson 95% intervals, fire rate on null-labelled rows, benign fire rate, intent accuracy and
 * coverage. With `--holdout`, each dataset is also reported as its even-id and odd-id halves (see
 * holdout-half.ts): tune rules on one half, report the other. The last stderr line is the mean time
 * per message of the rules (normalization, triggers, intent). Exit code 1 on a missing file or a bad
 * line (named with its line number), 2 on bad usage.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { classifyIntent } from "../src/triage/classify-intent.ts";
import { detectTriggers } from "../src/triage/detect-triggers.ts";
import { formatMetrics } from "./eval-triage/format-metrics.ts";
import { holdoutHalf } from "./eval-triage/holdout-half.ts";
import { EvalInputError, parseEvalRow } from "./eval-triage/parse-eval-row.ts";
import { computeMetrics, EVAL_TRIGGERS, type EvalTrigger, type ScoredRow } from "./eval-triage/triage-metrics.ts";

function main(args: string[]): number {
  const holdout = args.includes("--holdout");
  const files = args.filter((arg) => arg !== "--holdout");
  if (files.length === 0 || files.some((file) => file.startsWith("--"))) {
    process.stderr.write("usage: npm run eval:triage -- FILE.jsonl [FILE2.jsonl ...] [--holdout]\n");
    return 2;
  }
  const byDataset = new Map<string, ScoredRow[]>();
  const add = (dataset: string, scored: ScoredRow) => {
    const rows = byDataset.get(dataset);
    if (rows === undefined) byDataset.set(dataset, [scored]);
    else rows.push(scored);
  };
  let rulesMs = 0;
  let messages = 0;
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      process.stderr.write(
        `eval:triage: cannot read ${file}${code === "ENOENT" ? ": no such file" : `: ${code ?? error}`}\n`,
      );
      return 1;
    }
    const out: string[] = [];
    const lines = content.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      if (line.trim() === "") continue;
      const row = parseEvalRow(line, `${file}:${i + 1}`);
      const started = performance.now();
      const triggers = detectTriggers(row.text);
      const intent = classifyIntent(row.text);
      rulesMs += performance.now() - started;
      messages++;
      const fired = Object.fromEntries(EVAL_TRIGGERS.map((t) => [t, triggers[t]])) as Record<EvalTrigger, boolean>;
      out.push(JSON.stringify({ id: row.id, triggers: fired, intent_category: intent }));
      if (row.labels === null && row.intentLabel === undefined) continue;
      const dataset = row.dataset ?? basename(file).replace(/\.jsonl?$/, "");
      const scored: ScoredRow = { labels: row.labels, fired, intentLabel: row.intentLabel, intent };
      add(dataset, scored);
      const half = holdout ? holdoutHalf(row.id) : undefined;
      if (half !== undefined) add(`${dataset} [${half}]`, scored);
    }
    if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
  }
  for (const [dataset, rows] of byDataset) process.stderr.write(`${formatMetrics(computeMetrics(dataset, rows))}\n\n`);
  if (messages > 0)
    process.stderr.write(
      `time per message: ${(rulesMs / messages).toFixed(3)} ms (${messages} messages, triggers and intent)\n`,
    );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof EvalInputError)) throw error;
  process.stderr.write(`eval:triage: ${error.message}\n`);
  process.exitCode = 1;
}
