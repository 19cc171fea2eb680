/**
 * `npm run eval:live`: replays the bundled golden set against the live model, each case k times
 * (DESKMATE_DRIFT_CHECK_RUNS, default 3; the other DESKMATE_* settings apply too), and prints a table
 * of cases and the pass^k rate. Needs ANTHROPIC_API_KEY (exit 2 without, saying how to set it); exit 1
 * when a case failed. The daily Cron Trigger runs the same replay per account and keeps the results.
 */
import { evalLive } from "./eval-live/run-eval-live.ts";

process.exitCode = await evalLive({
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
