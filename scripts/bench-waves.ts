/**
 * Helpdesk round trips per customer message, by outcome and platform: the real worker (the test
 * harness: createRuntime with an in-memory store and the recorded model outputs) consumes one queued
 * event per scenario while every helpdesk response is held back by LATENCY_MS, so requests that depend
 * on each other are visibly sequential. A wave is a group of requests in flight together: a request
 * that starts after one of the current wave's requests has finished opens the next wave.
 * The OAuth token request is left out (once per token lifetime, not per message). Each outcome runs
 * twice: the figures are the second run's (Intercom's tag ids already resolved and kept in the state
 * store), and the first run's waves are printed beside them when its new tag names took a lookup wave.
 */
import { getResponse, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createAnthropicMock } from "../test/support/anthropic-mock.ts";
import { createIntercomSandbox } from "../test/support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../test/support/intercom-scenarios.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../test/support/scenarios.ts";
import { createHarness } from "../test/support/worker-harness.ts";
import { ticketCreated } from "../test/support/zendesk-events.ts";
import { createZendeskSandbox } from "../test/support/zendesk-sandbox.ts";
import { DEFAULT_HELPDESK_API_SHARE } from "../src/config/request-governor-setting-fields.ts";
import { jobsPerWindow } from "../src/state/governor-budget.ts";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);

/** The outcomes the issue names, each with the scenario that reaches it. */
const OUTCOMES = [
  { label: "answer", scenario: "answer from the help center" },
  { label: "ask", scenario: "ask one focused question" },
  { label: "escalate (hard trigger)", scenario: "customer asks for a person" },
  { label: "escalate (after the model)", scenario: "low confidence escalates" },
] as const;

/**
 * Zendesk's Support API limits per account by plan (requests per minute), shared with the account's
 * people and other apps; ticket updates are further limited to about 100 per minute.
 */
const ZENDESK_PLANS = [
  { plan: "Team", perMinute: 200 },
  { plan: "Growth / Professional", perMinute: 400 },
  { plan: "Enterprise", perMinute: 700 },
  { plan: "Enterprise Plus / High Volume API", perMinute: 2500 },
] as const;
const ZENDESK_TICKET_UPDATES_PER_MINUTE = 100;

interface Timed {
  method: string;
  path: string;
  start: number;
  end: number;
}

export interface MessageCost {
  platform: "zendesk" | "intercom";
  outcome: string;
  waves: number;
  reads: number;
  writes: number;
  modelCalls: number;
  shape: string;
  /** The same message when its tag names had never been looked up, when that took more waves. */
  firstUse?: MessageCost;
}

export async function benchWaves(): Promise<string[]> {
  const zendesk = createZendeskSandbox();
  const intercom = createIntercomSandbox();
  const anthropic = createAnthropicMock();
  anthropic.setFallback(recordedReply);
  const helpdeskOrigins = [new URL(zendesk.baseUrl).origin, new URL(intercom.baseUrl).origin];
  const inner = [...anthropic.handlers, ...zendesk.handlers, ...intercom.handlers];
  const calls: Timed[] = [];
  // One handler in front of the sandboxes: holds every helpdesk response back and times it.
  const delayed = http.all(/.*/, async ({ request }) => {
    const url = new URL(request.url);
    const helpdesk = helpdeskOrigins.includes(url.origin) && !url.pathname.startsWith("/oauth/");
    const start = performance.now();
    if (helpdesk) await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    const response = await getResponse(inner, request as Request);
    if (helpdesk) calls.push({ method: request.method, path: url.pathname, start, end: performance.now() });
    return response ?? HttpResponse.json({ error: "not in sandbox" }, { status: 404 });
  });
  const server = setupServer(delayed);
  server.listen({ onUnhandledFrame: "error" });
  const costs: MessageCost[] = [];
  // The first use of each outcome's tag names (Intercom resolves a tag name to its id once, then keeps it).
  const cold: MessageCost[] = [];
  try {
    const h = createHarness({ queue: true, env: { ANTHROPIC_API_KEY: "bench-replay" } });
    const consume = async (platform: MessageCost["platform"], outcome: string, into: MessageCost[]) => {
      calls.length = 0;
      const modelBefore = anthropic.requests.length;
      const [message] = await h.drainQueue();
      if (!message?.acked) throw new Error(`${platform} ${outcome}: the event was not handled`);
      into.push({ platform, outcome, ...countWaves(calls), modelCalls: anthropic.requests.length - modelBefore });
    };
    // A warm-up message per platform first: the token and the per-isolate caches are not per message.
    // Then every outcome twice: its first run resolves its tag names, the second is the steady state.
    for (const [round, outcome] of [OUTCOMES[0], ...OUTCOMES, ...OUTCOMES].entries()) {
      const into = round <= OUTCOMES.length ? cold : costs;
      const index = SCENARIOS.findIndex((s) => s.name === outcome.scenario);
      const scenario = SCENARIOS[index]!;
      const zd = stageScenario(zendesk, scenario, index);
      // ticket.created carries the description (the one customer message): the search joins the read wave.
      const created = ticketCreated({
        id: zd.ticketId,
        requesterId: zd.requesterId,
        description: scenario.turns[0]!.text,
      });
      if ((await h.deliver(created)).status !== 202) throw new Error("the Zendesk webhook was not accepted");
      await consume("zendesk", outcome.label, into);
      const ic = stageIntercomScenario(intercom, scenario, index);
      if ((await h.deliverIntercom(ic.payload)).status !== 202)
        throw new Error("the Intercom webhook was not accepted");
      await consume("intercom", outcome.label, into);
      if (round === 0) cold.length = 0;
    }
  } finally {
    server.close();
  }
  for (const c of costs) {
    const first = cold.find((x) => x.platform === c.platform && x.outcome === c.outcome);
    if (first && first.waves !== c.waves) c.firstUse = first;
  }
  return report(costs);
}

/** Waves, reads and writes of one message's helpdesk requests (in start order). */
export function countWaves(requests: readonly Timed[]): Omit<MessageCost, "platform" | "outcome" | "modelCalls"> {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const waves: Timed[][] = [];
  for (const request of sorted) {
    const current = waves.at(-1);
    const firstEnd = current ? Math.min(...current.map((r) => r.end)) : Number.POSITIVE_INFINITY;
    if (current && request.start < firstEnd) current.push(request);
    else waves.push([request]);
  }
  // Intercom searches are POSTs that read.
  const reads = sorted.filter((r) => r.method === "GET" || r.path.endsWith("/search")).length;
  const shape = waves.map((wave) => wave.map((r) => `${r.method} ${shortPath(r.path)}`).join(" + ")).join(" | ");
  return { waves: waves.length, reads, writes: sorted.length - reads, shape };
}

function shortPath(path: string): string {
  return path
    .replace(/^\/api\/v2\//, "")
    .replace(/\.json$/, "")
    .replace(/\/(\d+|[0-9a-f]{16,})(?=\/|$)/g, "/{id}");
}

function report(costs: readonly MessageCost[]): string[] {
  const lines = [
    `helpdesk round trips per customer message (draft mode, ${LATENCY_MS} ms added to every helpdesk response):`,
  ];
  for (const c of costs) {
    lines.push(
      `  ${c.platform.padEnd(8)} ${c.outcome.padEnd(26)} ${c.waves} sequential waves, ${c.reads} reads + ` +
        `${c.writes} writes, ${c.modelCalls} model calls`,
      `      ${c.shape}`,
    );
    if (c.firstUse) {
      lines.push(
        `      (tag names never looked up before: ${c.firstUse.waves} waves, ${c.firstUse.reads} reads + ` +
          `${c.firstUse.writes} writes: ${c.firstUse.shape.split(" | ").slice(1).join(" | ")})`,
      );
    }
  }
  const share = DEFAULT_HELPDESK_API_SHARE;
  lines.push(
    `messages per minute each Zendesk plan's API limit allows, as the request governor admits them ` +
      `(the whole budget / the default ${Math.round(share * 100)}% share):`,
  );
  for (const c of costs.filter((x) => x.platform === "zendesk")) {
    // Help Center searches have their own budget at Zendesk: the governor leaves them out.
    const requests = c.reads + c.writes - (c.shape.split("help_center/").length - 1);
    const byUpdates =
      c.writes > 0 ? Math.floor(ZENDESK_TICKET_UPDATES_PER_MINUTE / c.writes) : Number.POSITIVE_INFINITY;
    // Zendesk's window is the minute: the governor's jobs per window are messages per minute.
    const perPlan = ZENDESK_PLANS.map(({ plan, perMinute }) => {
      const all = Math.min(jobsPerWindow(perMinute, 1, requests), byUpdates);
      return `${plan} ${all} / ${Math.min(jobsPerWindow(perMinute, share, requests), byUpdates)}`;
    });
    lines.push(`  ${c.outcome.padEnd(26)} (${requests} Support API requests): ${perPlan.join(", ")}`);
  }
  lines.push(
    `  (plans: Team 200, Growth and Professional 400, Enterprise 700, Enterprise Plus or the High Volume API ` +
      `add-on 2,500 requests/min; every write also counts against about ${ZENDESK_TICKET_UPDATES_PER_MINUTE} ticket updates/min)`,
  );
  return lines;
}
