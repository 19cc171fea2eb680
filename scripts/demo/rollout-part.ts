import { rmSync } from "node:fs";
import { DEFAULT_ARM_SALT } from "../../src/config/rollout-arm-setting-fields.ts";
import { assignArm } from "../../src/rollout/assign-arm.ts";
import { INTERCOM_SANDBOX } from "../../test/support/intercom-sandbox.ts";
import { adminGet, DEMO_ADMIN_TOKEN, decisionRows, utcDay } from "./admin-api.ts";
import { describeOutcome, printTable } from "./format.ts";
import { CANARY_BLOCK, CANARY_PERCENT, canaryStep } from "./rollout-canary-step.ts";
import { freePort, startLocalApis } from "./local-apis.ts";
import { type Desk, type DeskTicket, intercomDesk, type Target, zendeskDesk } from "./rollout-desks.ts";
import { HUMAN_REPLIES, MESSAGES, rolloutReply } from "./rollout-recordings.ts";
import {
  type Checker,
  type ExperimentAnswer,
  experimentRows,
  type GuardAnswer,
  guardRows,
  type ReadinessAnswer,
  readinessRows,
} from "./rollout-tables.ts";
import { ledgerFolder, startWorker, waitForHealth } from "./worker-process.ts";

const MINUTE = 60_000;
/** The settings of the whole part (README "Graduated rollout"), sized for a demo of a few dozen tickets. */
const READINESS = { threshold: 0.7, minSamples: 10 };
const CONTROL_PERCENT = 20;
const EXPERIMENT_MIN_SAMPLES = 2;
const GUARD = { minSamples: 5, maxFalseResolutionRate: 0.2 };
/** Groups (Zendesk) and teams (Intercom) have the same ids in both sandboxes. */
const BILLING_GROUP = "2002";
const TIER2_GROUP = "2003";

const all = <T>(items: readonly T[], run: (item: T) => Promise<unknown>) => Promise.all(items.map(run));

/**
 * Part 6: the graduated rollout on both platforms, on its own sandboxes and worker (a fresh local D1 kept
 * across two restarts, the recorded model outputs). Shadow weeks in which agents answer (agreeing with
 * Deskmate or not) and route escalations (to the group Deskmate named or another); the nightly job's
 * readiness; autosend for the ready categories with a 20% control group and the arm comparison; a category
 * going bad that the hourly guard falls back to draft; a bad canary the guard rolls back. Settings change
 * by restarting the worker with other DESKMATE_* variables (one set serves both platforms). The story's times are minutes apart, not days:
 * Intercom refuses notifications dated more than 15 minutes ahead. Returns the number of mismatches.
 */
export async function rolloutPart(secret: string, intercomSecret: string): Promise<number> {
  const started = Date.now();
  const apis = await startLocalApis();
  apis.anthropic.setFallback(rolloutReply);
  const folder = ledgerFolder();
  const common = {
    ...apis.zendeskVars(secret),
    INTERCOM_ACCESS_TOKEN: INTERCOM_SANDBOX.accessToken,
    INTERCOM_CLIENT_SECRET: intercomSecret,
    INTERCOM_API_URL: apis.intercomUrl,
    DESKMATE_GROUP_BY_CATEGORY: `billing=${BILLING_GROUP},refund=${BILLING_GROUP}`,
    DESKMATE_FALLBACK_GROUP_ID: TIER2_GROUP,
    DESKMATE_ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
    ANTHROPIC_API_KEY: "recorded-replay",
    ANTHROPIC_BASE_URL: apis.url,
    DESKMATE_READINESS_THRESHOLD: String(READINESS.threshold),
    DESKMATE_READINESS_MIN_SAMPLES: String(READINESS.minSamples),
  };
  const firstPort = await freePort();
  let worker = startWorker(firstPort, { ...common, DESKMATE_MODE: "shadow" }, { persistTo: folder });
  let target: Target = { base: "", waitForEvent: (id) => worker.waitForEvent(id) };
  const boot = async (port: number) => {
    target = { base: `http://127.0.0.1:${port}`, waitForEvent: (id) => worker.waitForEvent(id) };
    await waitForHealth(target.base, worker);
  };
  const desks: Desk[] = [zendeskDesk(apis, secret, () => target), intercomDesk(apis, intercomSecret, () => target)];
  const checks: Checker = { problems: 0 };
  const check = (got: string, want: string) => {
    if (got !== want) checks.problems += 1;
    return got === want ? "ok" : "MISMATCH";
  };
  const days = () => ({ from: utcDay(started - 10 * MINUTE), to: utcDay(Date.now() + 20 * MINUTE) });
  const schedule = async (cron: string, msg: string, timeMs?: number) => {
    const before = worker.logLines(msg).length;
    // wrangler's own /__scheduled takes no time; the local runtime's trigger route runs the handler as of one.
    const time = timeMs ? `&time=${timeMs}` : "";
    const path = `/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}${time}`;
    const response = await fetch(`${target.base}${path}`);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    for (let i = 0; i < 120 && worker.logLines(msg).length === before; i++)
      await new Promise((r) => setTimeout(r, 250));
  };
  try {
    await boot(firstPort);

    // 1. Shadow weeks: Deskmate only notes what it would do; the agents act, and the ledger scores them.
    const shadow: string[][] = [];
    await all(desks, async (desk) => {
      const cast = {
        refund: Array.from({ length: 10 }, () => desk.stage(MESSAGES.refund)),
        person: Array.from({ length: 10 }, () => desk.stage(MESSAGES.person)),
        billing: Array.from({ length: 3 }, () => desk.stage(MESSAGES.billing)),
      };
      const outcomes = new Map<string, string>();
      await all([...cast.refund, ...cast.person, ...cast.billing], async (t) => {
        outcomes.set(t.id, describeOutcome(await desk.customerWrites(t)));
      });
      const t0 = Date.now();
      await all(cast.refund, (t) => desk.humanReplies(t, HUMAN_REPLIES.refundAgrees, t0 + MINUTE));
      // Eight escalations go where Deskmate would have sent them (Tier 2), two to Billing instead; one
      // billing answer states the article's 5-7 days, two state 10.
      await Promise.all(
        cast.person.map((t, i) => desk.movesToGroup(t, i < 8 ? TIER2_GROUP : BILLING_GROUP, t0 + MINUTE)),
      );
      await Promise.all(
        cast.billing.map((t, i) =>
          desk.humanReplies(t, i === 0 ? HUMAN_REPLIES.billingAgrees : HUMAN_REPLIES.billingConflicts, t0 + MINUTE),
        ),
      );
      for (const [group, tickets, want, human] of [
        ["refund", cast.refund, "answer", "10 public replies, same facts"],
        ["person", cast.person, "escalate human_requested", "8 moved to Tier 2 (as proposed), 2 to Billing"],
        ["billing", cast.billing, "answer", "3 public replies, 2 stating 10 days against 5-7"],
      ] as const) {
        const got = [...new Set(tickets.map((t) => outcomes.get(t.id) ?? "—"))].join(" / ");
        shadow.push([desk.platform, group, String(tickets.length), got, want, human, check(got, want)]);
      }
    });
    console.log(
      "\nPart 6 — graduated rollout on both platforms (own worker and sandboxes, fresh local D1, recorded model outputs)",
    );
    console.log("1. Shadow period (DESKMATE_MODE=shadow): Deskmate notes what it would do; the agents act");
    printTable(
      ["platform", "messages", "tickets", "Deskmate (shadow)", "expected", "what the agents did", "ok"],
      shadow,
    );

    // 2. The nightly job computes readiness. The worker restarts with the next step's settings first
    // (same D1): the ready categories it stores are what autosend_categories=ready reads.
    worker.stop();
    await worker.exited();
    const port = await freePort();
    const autosend = {
      ...common,
      DESKMATE_MODE: "autosend",
      DESKMATE_AUTOSEND_ROLLOUT_PERCENT: "100",
      DESKMATE_AUTOSEND_CATEGORIES: "ready",
      DESKMATE_CONTROL_PERCENT: String(CONTROL_PERCENT),
      DESKMATE_EXPERIMENT_MIN_SAMPLES: String(EXPERIMENT_MIN_SAMPLES),
      DESKMATE_GUARD_MIN_SAMPLES: String(GUARD.minSamples),
      DESKMATE_GUARD_MAX_FALSE_RESOLUTION_RATE: String(GUARD.maxFalseResolutionRate),
    };
    worker = startWorker(port, autosend, { persistTo: folder, testScheduled: true });
    await boot(port);
    await schedule("17 3 * * *", "nightly run finished");
    const readiness: string[][] = [];
    for (const desk of desks) {
      const answer = await adminGet<ReadinessAnswer>(target.base, `/admin/readiness?${query(desk, days())}`);
      readiness.push(...readinessRows(desk.platform, answer, READINESS, checks));
    }
    console.log("\n2. Readiness after the nightly job (GET /admin/readiness; threshold 0.7 over at least 10 samples)");
    printTable(
      ["platform", "category", "samples", "decision agreement", "answer agreement", "ready", "expected", "ok"],
      readiness,
    );

    // 3. Autosend for the ready categories, with a 20% control group.
    const arm = (t: DeskTicket) => assignArm(t.id, DEFAULT_ARM_SALT, CONTROL_PERCENT);
    const experiment: string[][] = [];
    const guardCast = new Map<string, { autosentRefunds: number; falseResolutions: number }>();
    await all(desks, async (desk) => {
      const refunds = Array.from({ length: 9 }, () => desk.stage(MESSAGES.refund));
      const billing = Array.from({ length: 3 }, () => desk.stage(MESSAGES.billing));
      await all([...refunds, ...billing], (t) => desk.customerWrites(t));
      const t1 = Date.now();
      const autosent = refunds.filter((t) => arm(t) === "assistant");
      const drafted = billing.filter((t) => arm(t) === "assistant");
      const control = [...refunds, ...billing].filter((t) => arm(t) === "control");
      await all(autosent, async (t) => {
        await desk.solves(t, t1 + 2 * MINUTE);
        await desk.ratesGood(t, t1 + 3 * MINUTE);
        if (t === autosent[0]) await desk.reopens(t, t1 + 5 * MINUTE);
      });
      await all(drafted, async (t) => {
        await desk.humanReplies(t, HUMAN_REPLIES.handled, t1 + 3 * MINUTE);
        await desk.solves(t, t1 + 5 * MINUTE);
      });
      await all(control, async (t) => {
        await desk.humanReplies(t, HUMAN_REPLIES.handled, t1 + 4 * MINUTE);
        await desk.solves(t, t1 + 6 * MINUTE);
        await desk.ratesGood(t, t1 + 7 * MINUTE);
      });
      const rows = await decisionRows(target.base, desk.platform, desk.account, days());
      const mine = new Map(rows.map((r) => [r.ticketId, r]));
      let wrongArms = 0;
      for (const t of [...refunds, ...billing]) {
        const row = mine.get(t.id);
        const sent = arm(t) === "assistant" && refunds.includes(t);
        if (row?.arm !== arm(t) || row.publicReply !== sent) wrongArms += 1;
      }
      const answer = await adminGet<ExperimentAnswer>(target.base, `/admin/experiment?${query(desk, days())}`);
      experiment.push(
        ...experimentRows(
          desk.platform,
          answer,
          {
            shadowTickets: 23,
            shadowReplied: 13,
            autosent: autosent.length,
            drafted: drafted.length,
            control: control.length,
            wrongArms,
            minSamples: EXPERIMENT_MIN_SAMPLES,
          },
          checks,
        ),
      );
      guardCast.set(desk.platform, { autosentRefunds: autosent.length, falseResolutions: autosent.length ? 1 : 0 });
    });
    console.log(
      `\n3. Autosend for the ready categories (DESKMATE_AUTOSEND_CATEGORIES=ready) with a ${CONTROL_PERCENT}% ` +
        "control group: refund replies go out, billing stays a draft; GET /admin/experiment (assistant − control)",
    );
    printTable(
      ["platform", "metric", "assistant", "control", "difference (95%)", "verdict", "expected", "ok"],
      experiment,
    );

    // 4. Refunds go bad: reopened after the autosent answer. The hourly guard falls refund back to draft.
    await schedule("41 * * * *", "stage guard run finished", Date.now() + 10 * MINUTE);
    const guard: string[][] = [];
    const drafts: string[][] = [];
    await all(desks, async (desk) => {
      const quiet = await adminGet<GuardAnswer>(target.base, `/admin/guard/status?${query(desk)}`);
      const fallbacks = describeFallbacks(quiet);
      guard.push([desk.platform, "hourly run after step 3", fallbacks, "none", check(fallbacks, "none")]);
      const wave = Array.from({ length: 4 }, () => desk.stage(MESSAGES.refund));
      await all(wave, (t) => desk.customerWrites(t));
      const t2 = Date.now();
      const bad = wave.filter((t) => arm(t) === "assistant");
      await all(bad, async (t) => {
        await desk.solves(t, t2 + MINUTE);
        await desk.reopens(t, t2 + 2 * MINUTE);
      });
      const cast = guardCast.get(desk.platform) ?? { autosentRefunds: 0, falseResolutions: 0 };
      guardCast.set(desk.platform, {
        autosentRefunds: cast.autosentRefunds + bad.length,
        falseResolutions: cast.falseResolutions + bad.length,
      });
    });
    await schedule("41 * * * *", "stage guard run finished", Date.now() + 10 * MINUTE);
    await all(desks, async (desk) => {
      const answer = await adminGet<GuardAnswer>(target.base, `/admin/guard/status?${query(desk)}`);
      guard.push(...guardRows(desk.platform, answer, guardCast.get(desk.platform), GUARD, checks));
      // The next refund question, on a ticket of the assistant arm: drafted, not sent.
      let next = desk.stage(MESSAGES.refund);
      while (arm(next) !== "assistant") next = desk.stage(MESSAGES.refund);
      const outcome = describeOutcome(await desk.customerWrites(next));
      const row = (await decisionRows(target.base, desk.platform, desk.account, days())).find(
        (r) => r.ticketId === next.id,
      );
      const got = `${outcome}, ${row?.publicReply ? "sent to the customer" : "a suggested reply for the agent"}`;
      const want = "answer, a suggested reply for the agent";
      drafts.push([desk.platform, `#${next.id} refund`, got, want, check(got, want)]);
    });
    console.log("\n4. Refund answers reopened: the hourly stage guard (GET /admin/guard/status)");
    printTable(["platform", "guard", "fallbacks", "expected", "ok"], guard);
    printTable(["platform", "next message", "Deskmate (mode autosend)", "expected", "ok"], drafts);

    // 5. A canary: the worker restarts with the canary block on half the assistant arm (same D1).
    worker.stop();
    await worker.exited();
    const canaryPort = await freePort();
    const canaryVars = { DESKMATE_CANARY: CANARY_BLOCK, DESKMATE_CANARY_PERCENT: String(CANARY_PERCENT) };
    worker = startWorker(canaryPort, { ...autosend, ...canaryVars }, { persistTo: folder, testScheduled: true });
    await boot(canaryPort);
    // This worker keeps its state store in memory: the nightly job stores the ready categories again
    // from the ledger (a deployment's store outlives a restart; its next night would do the same).
    await schedule("17 3 * * *", "nightly run finished");
    await canaryStep({
      desks,
      base: () => target.base,
      schedule,
      checks,
      query: (desk, withDays) => query(desk, withDays ? days() : undefined),
      controlPercent: CONTROL_PERCENT,
      guard: GUARD,
      experimentMinSamples: EXPERIMENT_MIN_SAMPLES,
    });

    console.log(`(Part 6 took ${((Date.now() - started) / 1000).toFixed(1)} s, three worker starts included.)`);
  } finally {
    worker.stop();
    await worker.exited();
    rmSync(folder, { recursive: true, force: true });
    apis.close();
  }
  return checks.problems;
}

function query(desk: Desk, days?: { from: string; to: string }): string {
  const range = days ? `&from=${days.from}&to=${days.to}` : "";
  return `platform=${desk.platform}&account=${desk.account}${range}`;
}

function describeFallbacks(answer: GuardAnswer): string {
  return answer.fallbacks.map((f) => `${f.category} (${f.reason})`).join(", ") || "none";
}
