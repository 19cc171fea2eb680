import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

export interface HandledLine {
  event_id?: string;
  outcome?: string;
  reasons?: string[];
}

/**
 * `wrangler dev` on the real worker with the given vars; collects its "event handled" log lines.
 * `testScheduled`: `GET /__scheduled` runs the Cron Trigger's handler (the nightly job) at once.
 * `persistTo`: a folder from `ledgerFolder()` the caller owns, so a restarted worker (new settings)
 * keeps the ledger of the one before; without it, a fresh folder that stop() removes.
 */
export function startWorker(
  port: number,
  vars: Record<string, string>,
  options: { testScheduled?: boolean; persistTo?: string } = {},
) {
  // Local state (queues, caches) in a fresh folder, removed again by stop().
  const persistTo = options.persistTo ?? ledgerFolder();
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    persistTo,
    "--log-level",
    "log",
    "--show-interactive-dev-session=false",
    ...(options.testScheduled ? ["--test-scheduled"] : []),
  ];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const handled = new Map<string, HandledLine>();
  const waiters = new Map<string, (line: HandledLine) => void>();
  const logs: Array<Record<string, unknown>> = [];
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const raw of chunk.toString().split("\n")) {
      const start = raw.indexOf("{");
      if (start < 0) continue;
      try {
        const line = JSON.parse(raw.slice(start)) as HandledLine & { msg?: string };
        logs.push(line as Record<string, unknown>);
        if (line.msg === "event handled" && line.event_id) {
          handled.set(line.event_id, line);
          waiters.get(line.event_id)?.(line);
        }
      } catch {
        // not a JSON log line
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  return {
    child,
    stop: () => {
      child.kill("SIGTERM");
      if (!options.persistTo) rmSync(persistTo, { recursive: true, force: true });
    },
    /** Resolves once the process has exited (a restart on the same folder waits for it). */
    exited: () =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once("exit", () => resolve())),
    output: () => output,
    /** The worker's JSON log lines with this `msg`, oldest first. */
    logLines: (msg: string) => logs.filter((line) => line.msg === msg),
    waitForEvent: (eventId: string, timeoutMs = 15_000) =>
      new Promise<HandledLine | undefined>((resolve) => {
        const seen = handled.get(eventId);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        waiters.set(eventId, (line) => {
          clearTimeout(timer);
          resolve(line);
        });
      }),
  };
}

export async function waitForHealth(
  base: string,
  worker: { child: ChildProcess; output: () => string },
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (worker.child.exitCode !== null) throw new Error(`wrangler dev exited:\n${worker.output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the worker did not start within 60 s:\n${worker.output()}`);
}

/** A fresh folder for local state with the ledger's migrations applied; the caller removes it. */
export function ledgerFolder(): string {
  const persistTo = mkdtempSync(join(tmpdir(), "deskmate-demo-"));
  applyLedgerMigrations(persistTo);
  return persistTo;
}

/**
 * The outcome ledger's tables in the local D1 of this folder: every customer message writes its
 * decision row, and `wrangler dev` does not apply migrations by itself.
 */
function applyLedgerMigrations(persistTo: string): void {
  const args = ["d1", "migrations", "apply", "deskmate-ledger", "--local", "--persist-to", persistTo];
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${run.stdout}${run.stderr}`);
}
