import { DEFAULT_ARM_SALT } from "../../src/config/rollout-arm-setting-fields.ts";
import { DEFAULT_DECISION_MODEL } from "../../src/config/settings-schema.ts";
import { assignArm } from "../../src/rollout/assign-arm.ts";
import { assignVariant } from "../../src/rollout/assign-variant.ts";
import { adminGet, DEMO_ADMIN_TOKEN, decisionRows } from "./admin-api.ts";
import { printTable } from "./format.ts";
import type { Desk, DeskTicket } from "./rollout-desks.ts";
import { shareDifference, shareVerdict, type Verdict } from "./rollout-expected.ts";
import { MESSAGES } from "./rollout-recordings.ts";
import type { Checker } from "./rollout-tables.ts";

const MINUTE = 60_000;
/** The candidate: another decision model on half the assistant arm (its replies replay the same recordings). */
export const CANARY_MODEL = "claude-opus-5";
export const CANARY_BLOCK = JSON.stringify({ decision_model: CANARY_MODEL });
export const CANARY_PERCENT = 50;
/** Per platform: canary and current refund tickets; all but the last canary ticket are reopened. */
const PER_SIDE = 6;
const CANARY_REOPENED = 5;

interface Share {
  count: number;
  of: number;
}
interface CanaryAnswer {
  canaries: Array<{
    fingerprint: string;
    canary: { tickets: number };
    current: { tickets: number };
    metrics: Array<{
      metric: string;
      kind: "share" | "median";
      canary: Partial<Share>;
      current: Partial<Share>;
      difference: number | null;
      interval: { low: number; high: number } | null;
      verdict: Verdict;
    }>;
    verdict: Verdict;
  }>;
}
interface CanaryGuardAnswer {
  fallbacks: Array<{ category: string }>;
  canary_rollbacks: Array<{ canary: string; reason: string; rate: number; samples: number; threshold: number }>;
  history: Array<{ category?: string; canary?: string; action: string; by: string }>;
}

/** What the canary step needs of Part 6: its worker's address, scheduled runs, checks and ranges. */
export interface CanaryStepContext {
  desks: Desk[];
  base: () => string;
  schedule: (cron: string, msg: string, timeMs?: number) => Promise<void>;
  checks: Checker;
  query: (desk: Desk, withDays: boolean) => string;
  controlPercent: number;
  guard: { minSamples: number; maxFalseResolutionRate: number };
  experimentMinSamples: number;
}

const all = <T>(items: readonly T[], run: (item: T) => Promise<unknown>) => Promise.all(items.map(run));
const fixed = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n.toFixed(3));

/**
 * Step 5 of Part 6: a canary (the `canary` block, another decision model, on `canary_percent` of the
 * assistant arm; the worker was restarted with DESKMATE_CANARY and DESKMATE_CANARY_PERCENT). The admin
 * first re-enables refund (the guard's fallback of step 4), so the canary's refund answers go out; the
 * canary's answers are reopened, the current ones hold; the canary comparison shows it, the hourly guard
 * rolls the canary back, and the next ticket the hash puts in the canary decides as current.
 */
export async function canaryStep(ctx: CanaryStepContext): Promise<void> {
  const { checks } = ctx;
  const check = (got: string, want: string) => {
    if (got !== want) checks.problems += 1;
    return got === want ? "ok" : "MISMATCH";
  };
  const arm = (t: DeskTicket) => assignArm(t.id, DEFAULT_ARM_SALT, ctx.controlPercent);
  const variant = (t: DeskTicket) =>
    assignVariant(t.id, arm(t), { armSalt: DEFAULT_ARM_SALT, canaryPercent: CANARY_PERCENT, canary: {} });
  // Stages refund tickets until `count` of the assistant arm have the wanted variant (others stay unsent).
  const pick = (desk: Desk, want: "canary" | "current", count: number) => {
    const picked: DeskTicket[] = [];
    while (picked.length < count) {
      const t = desk.stage(MESSAGES.refund);
      if (arm(t) === "assistant" && variant(t) === want) picked.push(t);
    }
    return picked;
  };
  const decisions: string[][] = [];
  const comparison: string[][] = [];
  const fingerprints = new Map<string, string>();
  await all(ctx.desks, async (desk) => {
    await reenableRefund(ctx.base(), desk);
    const canary = pick(desk, "canary", PER_SIDE);
    const current = pick(desk, "current", PER_SIDE);
    // The comparison takes current tickets from the canary's first to its last ticket: decide one canary
    // ticket first and one last, the rest in between.
    const first = canary[0] as DeskTicket;
    const last = canary.at(-1) as DeskTicket;
    await desk.customerWrites(first);
    await all([...canary.slice(1, -1), ...current], (t) => desk.customerWrites(t));
    await desk.customerWrites(last);
    const t3 = Date.now();
    await all(canary, async (t) => {
      await desk.solves(t, t3 + MINUTE);
      if (canary.indexOf(t) < CANARY_REOPENED) await desk.reopens(t, t3 + 2 * MINUTE);
    });
    await all(current, async (t) => {
      await desk.solves(t, t3 + MINUTE);
      await desk.ratesGood(t, t3 + 2 * MINUTE);
    });
    const rows = new Map(
      (await decisionRows(ctx.base(), desk.platform, desk.account, dayRange())).map((r) => [r.ticketId, r]),
    );
    for (const [side, tickets, model] of [
      ["canary", canary, CANARY_MODEL],
      ["current", current, DEFAULT_DECISION_MODEL],
    ] as const) {
      const mine = tickets.map((t) => rows.get(t.id));
      const describe = (r: (typeof mine)[number]) =>
        r ? `${r.variant ?? "—"}, ${r.models.join("+") || "no model"}, ${r.publicReply ? "sent" : "not sent"}` : "—";
      const got = [...new Set(mine.map(describe))].join(" / ");
      const want = `${side}, ${model}, sent`;
      decisions.push([desk.platform, side, String(tickets.length), got, want, check(got, want)]);
    }
    const canaryFingerprint = rows.get(first.id)?.fingerprint ?? "—";
    fingerprints.set(desk.platform, canaryFingerprint);
    const answer = await adminGet<CanaryAnswer>(
      ctx.base(),
      `/admin/experiment?compare=canary&${ctx.query(desk, true)}`,
    );
    comparison.push(...comparisonRows(desk.platform, answer, canaryFingerprint, ctx.experimentMinSamples, check));
  });
  console.log(
    `\n5. Canary: DESKMATE_CANARY='${CANARY_BLOCK}', DESKMATE_CANARY_PERCENT=${CANARY_PERCENT} ` +
      "(refund re-enabled by the admin first): decision rows of the step",
  );
  printTable(["platform", "variant", "tickets", "decision rows (variant, model, reply)", "expected", "ok"], decisions);
  console.log("   GET /admin/experiment?compare=canary (canary − current; the canary's answers reopened)");
  printTable(
    ["platform", "metric", "canary", "current", "difference (95% Newcombe)", "verdict", "expected", "ok"],
    comparison,
  );

  await ctx.schedule("41 * * * *", "stage guard run finished", Date.now() + 10 * MINUTE);
  const guard: string[][] = [];
  const after: string[][] = [];
  await all(ctx.desks, async (desk) => {
    const answer = await adminGet<CanaryGuardAnswer>(ctx.base(), `/admin/guard/status?${ctx.query(desk, false)}`);
    guard.push(...guardRows(desk.platform, answer, fingerprints.get(desk.platform) ?? "—", ctx.guard, check));
    // The next refund ticket the hash puts in the canary: it decides as current now.
    const [next] = pick(desk, "canary", 1);
    if (!next) return;
    await desk.customerWrites(next);
    const row = (await decisionRows(ctx.base(), desk.platform, desk.account, dayRange())).find(
      (r) => r.ticketId === next.id,
    );
    const got = row ? `${row.variant ?? "—"}, ${row.models.join("+")}, ${row.publicReply ? "sent" : "not sent"}` : "—";
    const want = `current, ${DEFAULT_DECISION_MODEL}, sent`;
    after.push([desk.platform, `#${next.id} refund (canary by its hash)`, got, want, check(got, want)]);
  });
  console.log("\n   The hourly stage guard after the reopens (GET /admin/guard/status)");
  printTable(["platform", "guard", "got", "expected", "ok"], guard);
  printTable(["platform", "next message", "decision row (variant, model, reply)", "expected", "ok"], after);
}

/** Today and tomorrow (UTC): the step's decisions, however close to midnight the demo runs. */
function dayRange() {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(Date.now() - 60 * MINUTE), to: day(Date.now() + 60 * MINUTE) };
}

async function reenableRefund(base: string, desk: Desk): Promise<void> {
  const response = await fetch(`${base}/admin/guard/reenable`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ platform: desk.platform, account: desk.account, category: "refund" }),
  });
  if (response.status !== 200) throw new Error(`re-enable refund: ${response.status} ${await response.text()}`);
}

function comparisonRows(
  platform: string,
  answer: CanaryAnswer,
  fingerprint: string,
  minSamples: number,
  check: (got: string, want: string) => string,
): string[][] {
  const c = answer.canaries.find((x) => x.fingerprint === fingerprint);
  const ticketsGot = c ? `${c.fingerprint} · ${c.canary.tickets} · ${c.current.tickets}` : "missing";
  const ticketsWant = `${fingerprint} · ${PER_SIDE} · ${PER_SIDE}`;
  const rows = [
    [
      platform,
      "fingerprint · tickets",
      String(c?.canary.tickets ?? "—"),
      String(c?.current.tickets ?? "—"),
      "",
      "",
      ticketsWant,
      check(ticketsGot, ticketsWant),
    ],
  ];
  // The shares follow from the cast; the medians depend on the run's own minutes and are left out.
  const shares: Record<string, { canary: Share; current: Share; better: "higher" | "lower" }> = {
    reopen_rate: {
      canary: { count: CANARY_REOPENED, of: PER_SIDE },
      current: { count: 0, of: PER_SIDE },
      better: "lower",
    },
    recontact_rate: { canary: { count: 0, of: PER_SIDE }, current: { count: 0, of: PER_SIDE }, better: "lower" },
    csat_good: { canary: { count: 0, of: 0 }, current: { count: PER_SIDE, of: PER_SIDE }, better: "higher" },
  };
  const verdicts: Verdict[] = [];
  for (const [metric, cast] of Object.entries(shares)) {
    const m = c?.metrics.find((x) => x.metric === metric);
    const expected = shareDifference(cast.canary, cast.current);
    const verdict = shareVerdict(cast.canary, cast.current, cast.better, minSamples);
    verdicts.push(verdict);
    const shown = (d: number | null | undefined, i: { low: number; high: number } | null | undefined) =>
      d === null || d === undefined ? "—" : `${fixed(d)} [${fixed(i?.low)}, ${fixed(i?.high)}]`;
    const side = (s: Partial<Share> | undefined) => `${s?.count ?? "—"}/${s?.of ?? "—"}`;
    const difference = shown(m?.difference, m?.interval);
    const got = `${side(m?.canary)} · ${side(m?.current)} · ${difference} · ${m?.verdict ?? "missing"}`;
    const want = `${side(cast.canary)} · ${side(cast.current)} · ${shown(expected?.difference, expected)} · ${verdict}`;
    rows.push([
      platform,
      metric,
      side(m?.canary),
      side(m?.current),
      difference,
      m?.verdict ?? "missing",
      want,
      check(got, want),
    ]);
  }
  // Any worse metric makes the canary worse, whatever its medians say.
  const overall: Verdict = verdicts.includes("worse") ? "worse" : "not enough data";
  const got = c?.verdict ?? "missing";
  rows.push([platform, "overall", "", "", "", got, overall, check(got, overall)]);
  return rows;
}

function guardRows(
  platform: string,
  answer: CanaryGuardAnswer,
  fingerprint: string,
  settings: { minSamples: number; maxFalseResolutionRate: number },
  check: (got: string, want: string) => string,
): string[][] {
  const describe = (r: CanaryGuardAnswer["canary_rollbacks"][number]) =>
    `${r.canary} (${r.reason}) ${r.rate.toFixed(3)} of ${r.samples} > ${r.threshold}`;
  const got = answer.canary_rollbacks.map(describe).join(", ") || "none";
  const trips = PER_SIDE >= settings.minSamples && CANARY_REOPENED / PER_SIDE > settings.maxFalseResolutionRate;
  const want = trips
    ? describe({
        canary: fingerprint,
        reason: "false_resolution_rate",
        rate: CANARY_REOPENED / PER_SIDE,
        samples: PER_SIDE,
        threshold: settings.maxFalseResolutionRate,
      })
    : "none";
  // The current refund answers held: refund, re-enabled by the admin, stays in autosend.
  const fallbacks = answer.fallbacks.map((f) => f.category).join(", ") || "none";
  const actions = answer.history
    .filter((h) => h.canary || h.by === "admin")
    .map((h) => `${h.canary ? "canary" : h.category} ${h.action} by ${h.by}`)
    .join(", ");
  const wantActions = `canary ${trips ? "tripped" : "—"} by guard, refund re_enabled by admin`;
  return [
    [platform, "canary rollbacks", got, want, check(got, want)],
    [platform, "category fallbacks", fallbacks, "none", check(fallbacks, "none")],
    [platform, "history (newest first)", actions, wantActions, check(actions, wantActions)],
  ];
}
