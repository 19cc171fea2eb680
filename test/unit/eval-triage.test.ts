import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../scripts/eval-triage/wilson-interval.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const SAMPLE = "test/fixtures/triage/eval-sample.jsonl";

/** Runs the command as `npm run eval:triage` does: Node 22 executing the .ts file directly. */
function evalTriage(...files: string[]) {
  const run = spawnSync(process.execPath, ["scripts/eval-triage.ts", ...files], { cwd: ROOT, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function reportOf(stderr: string, dataset: string): string {
  const start = stderr.indexOf(`== dataset ${dataset} `);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = stderr.indexOf("== dataset", start + 1);
  return stderr.slice(start, next === -1 ? undefined : next);
}

function lineOf(report: string, label: string): string {
  const line = report.split("\n").find((l) => l.startsWith(label));
  expect(line, `no "${label}" line`).toBeDefined();
  return line ?? "";
}

describe("eval:triage", () => {
  it("writes one JSON line per row with the five triggers and the intent", () => {
    const { status, stdout } = evalTriage(SAMPLE);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "b1", "b2", 9]);
    for (const line of lines) {
      expect(Object.keys(line.triggers).sort()).toEqual([
        "account_security",
        "fraud_unauthorized",
        "human_agent",
        "legal_regulatory",
        "negative_sentiment",
      ]);
    }
    expect(lines[0]).toEqual({
      id: "a1",
      triggers: {
        human_agent: true,
        legal_regulatory: false,
        fraud_unauthorized: false,
        account_security: false,
        negative_sentiment: false,
      },
      intent_category: "contact_support",
    });
    expect(lines[3].triggers.fraud_unauthorized).toBe(true);
    expect(lines[8].triggers.negative_sentiment).toBe(true);
    expect(lines[10]).toMatchObject({ id: 9, triggers: { human_agent: true } });
  });

  it("reports each dataset on its own, with counts and Wilson intervals", () => {
    const { stderr } = evalTriage(SAMPLE);
    const alpha = reportOf(stderr, "alpha");
    expect(alpha).toContain("(8 rows)");
    // a1, a2 fire; a7 ("taok", a typo too short to correct) is missed; a8 fires on a 0 row.
    expect(lineOf(alpha, "human_agent")).toMatch(/66\.7% 2\/3 \[20\.8%, 93\.9%\]\s+20\.0% 1\/5 \[3\.6%, 62\.4%\]/);
    expect(lineOf(alpha, "fraud_unauthorized")).toMatch(/100\.0% 1\/1 .*0\.0% 0\/7/);
    expect(lineOf(alpha, "account_security")).toMatch(/n\/a \(0 rows\)\s+0\.0% 0\/7 .*0\.0% 0\/1/);
    // negative_sentiment is null on every alpha row, so benign rows are a3, a5, a6, a8; a8 fires.
    expect(lineOf(alpha, "benign fire rate")).toMatch(/25\.0% 1\/4 .*not labelled in this dataset: negative_sentiment/);
    expect(lineOf(alpha, "intent accuracy")).toMatch(/83\.3% 5\/6/);
    expect(lineOf(alpha, "intent coverage")).toMatch(/85\.7% 6\/7/);

    const beta = reportOf(stderr, "beta");
    expect(beta).toContain("(2 rows)");
    expect(lineOf(beta, "negative_sentiment")).toMatch(/100\.0% 1\/1 .*0\.0% 0\/1/);
    // The unlabelled row (id 9, no dataset) is scored but not reported.
    expect(stderr).not.toContain("== dataset eval-sample");
  });

  it("with --holdout also reports each dataset's even-id and odd-id halves, and the time per message", () => {
    const { status, stderr } = evalTriage("--holdout", SAMPLE);
    expect(status).toBe(0);
    // Odd half: a1 fires, a7 is missed, a3 and a5 stay off. Even half: a2 fires, a8 fires on a 0 row.
    const odd = reportOf(stderr, "alpha [odd ids]");
    expect(odd).toContain("(4 rows)");
    expect(lineOf(odd, "human_agent")).toMatch(/50\.0% 1\/2 .*0\.0% 0\/2/);
    const even = reportOf(stderr, "alpha [even ids]");
    expect(lineOf(even, "human_agent")).toMatch(/100\.0% 1\/1 .*33\.3% 1\/3/);
    // The whole dataset is still reported as before.
    expect(lineOf(reportOf(stderr, "alpha"), "human_agent")).toMatch(/66\.7% 2\/3/);
    expect(stderr).toMatch(/time per message: \d+\.\d{3} ms \(11 messages/);
    expect(evalTriage(SAMPLE).stderr).not.toContain("[odd ids]");
  });

  it("refuses an unknown option", () => {
    const { status, stderr } = evalTriage("--hold", SAMPLE);
    expect(status).toBe(2);
    expect(stderr).toContain("usage: npm run eval:triage -- FILE.jsonl [FILE2.jsonl ...] [--holdout]");
  });

  it("names a missing file", () => {
    const { status, stderr, stdout } = evalTriage("test/fixtures/triage/nope.jsonl");
    expect(status).toBe(1);
    expect(stderr).toContain("nope.jsonl: no such file");
    expect(stdout).toBe("");
  });

  it("names the bad line by number", () => {
    const dir = mkdtempSync(join(tmpdir(), "eval-triage-"));
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"id": 1, "text": "hi"}\n{"id": 2, "text": \n');
    const { status, stderr } = evalTriage(file);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}:2: not valid JSON`);

    writeFileSync(file, '{"id": 1, "text": "hi"}\n\n{"id": 3}\n');
    const missingText = evalTriage(file);
    expect(missingText.status).toBe(1);
    expect(missingText.stderr).toContain(`${file}:3: "text" must be a string`);

    writeFileSync(file, '{"id": 1, "text": "hi", "triggers": {"human_agent": 2}}\n');
    expect(evalTriage(file).stderr).toContain(`${file}:1: "triggers.human_agent" must be 0, 1 or null`);
  });

  it("prints usage without files", () => {
    const { status, stderr } = evalTriage();
    expect(status).toBe(2);
    expect(stderr).toContain("usage: npm run eval:triage -- FILE.jsonl");
  });
});

describe("wilsonInterval", () => {
  it.each([
    // Reference values: Newcombe (1998), method 3.
    { hits: 0, n: 10, low: 0, high: 0.2775 },
    { hits: 5, n: 10, low: 0.2366, high: 0.7634 },
    { hits: 81, n: 263, low: 0.2553, high: 0.3662 },
  ])("$hits/$n", ({ hits, n, low, high }) => {
    const [l, h] = wilsonInterval(hits, n);
    expect(l).toBeCloseTo(low, 3);
    expect(h).toBeCloseTo(high, 3);
  });
});
