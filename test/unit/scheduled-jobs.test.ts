import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/runtime.ts";
import { SCHEDULED_JOBS } from "../../src/nightly/scheduled-jobs.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";

/** The `crons = [...]` list of wrangler.toml's `[triggers]`. */
function wranglerCrons(): string[] {
  const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
  const list = /^\[triggers\][^[]*?^crons\s*=\s*\[([^\]]*)\]/ms.exec(toml)?.[1];
  if (list === undefined) throw new Error("wrangler.toml has no [triggers] crons");
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("scheduled jobs", () => {
  it("has one job per Cron Trigger of wrangler.toml, and a Cron Trigger per job", () => {
    expect(Object.keys(SCHEDULED_JOBS).sort()).toEqual(wranglerCrons().sort());
  });

  it("runs nothing for a cron it has no job for, and says so", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "test" }, (line) => lines.push(line));
    const runtime = createRuntime({}, { kv: new MemoryKvStore(), logger });
    expect(await runtime.runScheduled("*/5 * * * *", Date.now())).toBeNull();
    expect(lines.some((l) => l.includes("no job for this cron") && l.includes("*/5 * * * *"))).toBe(true);
  });
});
