/**
 * `npm run bench`, model cost: the scenario suite (one case per outcome and trigger, the demo's recorded
 * model outputs) through the real worker against the Messages API mock, twice on one prompt cache (cold,
 * then warm), with the model routing on and with every message on the decision model. Tokens are the
 * mock's estimate (4 characters a token, the cached prefix counted as the API does); prices are the list
 * prices of src/config/model-price-table.ts, read back from the decision rows' own cost.
 */
import { setupServer } from "msw/node";
import type { DecisionRecord } from "../src/domain/ledger.ts";
import { DEFAULT_MODEL_PRICES } from "../src/config/model-price-table.ts";
import { createAnthropicMock } from "../test/support/anthropic-mock.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../test/support/scenarios.ts";
import { createHarness } from "../test/support/worker-harness.ts";
import { ticketCreated } from "../test/support/zendesk-events.ts";
import { createZendeskSandbox } from "../test/support/zendesk-sandbox.ts";

/** The target of issue 16: model cost per AI-resolved ticket at list prices. */
const TARGET_USD = 0.005;

interface Pass {
  rows: DecisionRecord[];
  calls: number;
}

export async function benchModelCost(): Promise<string[]> {
  const sandbox = createZendeskSandbox();
  const routed = createAnthropicMock();
  const server = setupServer(...sandbox.handlers, ...routed.handlers);
  server.listen({ onUnhandledFrame: "error" });
  try {
    routed.setFallback(recordedReply);
    const run = async (env: Record<string, string>): Promise<Pass> => {
      const h = createHarness({ env: { ANTHROPIC_API_KEY: "bench-key", ...env } });
      const before = routed.requests.length;
      for (const [index, scenario] of SCENARIOS.entries()) {
        const { ticketId, requesterId } = stageScenario(sandbox, scenario, index);
        const res = await h.deliver(ticketCreated({ id: ticketId, requesterId }));
        if (res.status !== 202) throw new Error(`scenario "${scenario.name}": webhook answered ${res.status}`);
      }
      return { rows: await h.decisions(), calls: routed.requests.length - before };
    };
    const routedCold = await run({});
    const routedWarm = await run({});
    // The same suite with no routine category, so every decision runs on the decision model: the baseline.
    routed.reset();
    routed.setFallback(recordedReply);
    const onlyLarge = { DESKMATE_SMALL_MODEL_CATEGORIES: "none" };
    await run(onlyLarge);
    const largeWarm = await run(onlyLarge);
    return [
      `model cost (scenario suite, ${SCENARIOS.length} messages, recorded outputs, list prices, warm prompt cache):`,
      ...perOutcome("routed", routedWarm),
      ...perOutcome("decision model only", largeWarm),
      resolutionLine(routedWarm, largeWarm),
      cacheLine(routedCold, routedWarm),
    ];
  } finally {
    server.close();
  }
}

function perOutcome(label: string, pass: Pass): string[] {
  const outcomes = [...new Set(pass.rows.map((r) => r.outcome))].sort();
  return outcomes.map((outcome) => {
    const rows = pass.rows.filter((r) => r.outcome === outcome);
    const sum = (pick: (r: DecisionRecord) => number) => rows.reduce((total, r) => total + pick(r), 0) / rows.length;
    const models = [...new Set(rows.flatMap((r) => r.models))].sort().join("+") || "none";
    return (
      `  ${label}, ${outcome} (${rows.length}): per message ${sum((r) => r.tokens.input).toFixed(0)} in, ` +
      `${sum((r) => r.tokens.cacheRead).toFixed(0)} cache read, ${sum((r) => r.tokens.cacheWrite).toFixed(0)} ` +
      `cache write, ${sum((r) => r.tokens.output).toFixed(0)} out tokens, $${sum((r) => r.modelCostUsd).toFixed(5)} ` +
      `(${models})`
    );
  });
}

/**
 * An AI-resolved ticket is, here, a message answered from the help center; its cost is the answers' own
 * decisions plus the model cost of the messages that were not answered, spread over the answers (a
 * deployment pays for every call, not only the ones that resolve).
 */
function resolutionLine(routed: Pass, large: Pass): string {
  const costs = (pass: Pass) => {
    const answers = pass.rows.filter((r) => r.outcome === "answer");
    const total = pass.rows.reduce((sum, r) => sum + r.modelCostUsd, 0);
    const own = answers.reduce((sum, r) => sum + r.modelCostUsd, 0);
    return { own: own / Math.max(1, answers.length), all: total / Math.max(1, answers.length) };
  };
  const r = costs(routed);
  const l = costs(large);
  const ok = r.own <= TARGET_USD ? "met" : "not met";
  return (
    `  cost per AI-resolved ticket (target <= $${TARGET_USD}, ${ok}): its own decision $${r.own.toFixed(5)} routed ` +
    `vs $${l.own.toFixed(5)} on the decision model; every call of the suite spread over its answers ` +
    `$${r.all.toFixed(5)} vs $${l.all.toFixed(5)} (prices: ${Object.keys(DEFAULT_MODEL_PRICES).join(", ")})`
  );
}

/** Cache reads over cacheable prefix tokens (read + written) on the warm pass, calls with a cached prefix only. */
function cacheLine(cold: Pass, warm: Pass): string {
  const share = (pass: Pass) => {
    const read = pass.rows.reduce((sum, r) => sum + r.tokens.cacheRead, 0);
    const written = pass.rows.reduce((sum, r) => sum + r.tokens.cacheWrite, 0);
    return read + written === 0 ? 0 : (100 * read) / (read + written);
  };
  return (
    `  static prefix served from the prompt cache: cold ${share(cold).toFixed(0)}%, warm ${share(warm).toFixed(0)}% ` +
    `(model calls per pass: ${warm.calls})`
  );
}
