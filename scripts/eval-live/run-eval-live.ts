import { anthropicModelFromEnv } from "../../src/agent/anthropic-model.ts";
import { type Settings, settingDefinitions, settingEnvVar, settingsSchema } from "../../src/config/settings-schema.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { replayGoldenSet } from "../../src/nightly/run-drift-check.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import { goldenKnowledge } from "../../src/pipeline/golden-knowledge.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { driftTrend } from "../../src/rollout/drift-trend.ts";

export const NO_KEY_MESSAGE =
  "eval:live needs the live model: set ANTHROPIC_API_KEY (e.g. `ANTHROPIC_API_KEY=sk-ant-... npm run eval:live`).\n" +
  "It replays the bundled golden set k times per case (DESKMATE_DRIFT_CHECK_RUNS, default 3) and costs model tokens.\n";

export interface EvalLiveIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  now?: () => Date;
}

/** DESKMATE_* variables over the defaults, as the worker reads its fallbacks; a bad value throws naming it. */
function settingsFromEnv(env: Record<string, string | undefined>): Settings {
  const raw: Record<string, string> = {};
  for (const [field, definition] of Object.entries(settingDefinitions)) {
    const value = env[settingEnvVar(definition)];
    if (value !== undefined) raw[field] = value;
  }
  return settingsSchema.parse(raw);
}

const pad = (text: string, width: number) => (text.length >= width ? text : text + " ".repeat(width - text.length));

/**
 * `npm run eval:live`: the drift check by hand. The bundled golden set, each case k times through the
 * decision engine against the live model (over the golden articles, no helpdesk, no actions), printed
 * as a table of cases and the pass^k rate with its 95% Wilson interval. Exit 0 when every case
 * passed, 1 when one failed, 2 without ANTHROPIC_API_KEY (saying how to set it).
 */
export async function evalLive(io: EvalLiveIo): Promise<number> {
  if (!io.env.ANTHROPIC_API_KEY?.trim()) {
    io.err(NO_KEY_MESSAGE);
    return 2;
  }
  const settings = settingsFromEnv(io.env);
  // Logs go to stderr as JSON lines, so the table on stdout stays readable.
  const logger = createLogger({ service: "eval-live" }, (line) => io.err(`${line}\n`));
  const model = anthropicModelFromEnv(
    {
      ANTHROPIC_API_KEY: io.env.ANTHROPIC_API_KEY,
      ...(io.env.ANTHROPIC_BASE_URL ? { ANTHROPIC_BASE_URL: io.env.ANTHROPIC_BASE_URL } : {}),
    },
    { settings: async () => settings, logger },
  );
  const now = io.now?.() ?? new Date();
  const decide = createEngineDecider({ model, knowledge: goldenKnowledge(() => now, logger), logger });
  const cases = bundledGoldenSet();
  const { run, results } = await replayGoldenSet(
    { decideBundled: decide, decideAccount: decide },
    settings,
    { platform: "zendesk", account: "eval-live" },
    cases,
    { now, trigger: "manual", runId: "eval-live", finishedAt: () => new Date().toISOString(), logger },
  );
  const width = Math.max(...results.map((r) => r.caseName.length), 4);
  io.out(`${pad("case", width)}  pass  runs  outcomes seen\n`);
  for (const r of results) {
    const seen = Object.entries(r.outcomesSeen)
      .map(([key, count]) => `${key} x${count}`)
      .join(", ");
    io.out(`${pad(r.caseName, width)}  ${r.passed ? "yes " : "NO  "}  ${r.passes}/${r.k}   ${seen}\n`);
  }
  const [point] = driftTrend([run]);
  const interval = point?.interval;
  const rate =
    point?.passRate === null || point?.passRate === undefined ? "—" : `${(point.passRate * 100).toFixed(1)}%`;
  const range = interval ? `${(interval.low * 100).toFixed(0)}% to ${(interval.high * 100).toFixed(0)}%` : "—";
  io.out(
    `\npass^${run.k}: ${run.passed} of ${run.cases} cases (${rate}; 95% Wilson interval ${range}); ` +
      `model ${run.model}; ${run.skipped} skipped by the budget; cost $${run.costUsd.toFixed(4)}\n`,
  );
  return run.passed === run.cases && run.skipped === 0 ? 0 : 1;
}
