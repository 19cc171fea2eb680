import { spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { evalLive, NO_KEY_MESSAGE } from "../../scripts/eval-live/run-eval-live.ts";
import { createAnthropicMock, modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { goldenReply } from "../support/golden-replies.ts";
import { useMswServer } from "../support/msw-server.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const anthropic = createAnthropicMock();
useMswServer(...anthropic.handlers);
beforeEach(() => anthropic.reset());

async function run(env: Record<string, string>) {
  let out = "";
  let err = "";
  const code = await evalLive({
    env,
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

describe("npm run eval:live", () => {
  it("without a key says how to set one and exits 2 (the real command)", () => {
    const env = { ...process.env };
    delete env.ANTHROPIC_API_KEY;
    const cli = spawnSync("npm", ["run", "--silent", "eval:live"], { cwd: ROOT, encoding: "utf8", env });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("set ANTHROPIC_API_KEY");
    expect(NO_KEY_MESSAGE).toContain("ANTHROPIC_API_KEY=");
  });

  it("prints a table of the cases and the pass^k rate; exit 0 when all pass", async () => {
    anthropic.setFallback(goldenReply());
    const { code, out } = await run({ ANTHROPIC_API_KEY: "test-key", DESKMATE_DRIFT_CHECK_RUNS: "2" });
    const cases = bundledGoldenSet().length;
    expect(code).toBe(0);
    expect(out).toMatch(/^legal threat\s+yes\s+2\/2\s+escalate:legal x2$/m);
    expect(out).toContain(`pass^2: ${cases} of ${cases} cases (100.0%; 95% Wilson interval`);
  });

  it("exits 1 and marks the case when the model drifted on one", async () => {
    anthropic.setFallback(
      goldenReply({
        "answer from the help center": () =>
          modelReplies.output(sampleModelOutput({ outcome: "escalate", reply: null, cited_source_ids: [] })),
      }),
    );
    const { code, out } = await run({ ANTHROPIC_API_KEY: "test-key", DESKMATE_DRIFT_CHECK_RUNS: "1" });
    expect(code).toBe(1);
    expect(out).toMatch(/^answer from the help center\s+NO\s+0\/1/m);
  });
});
