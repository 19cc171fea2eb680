import {
  expectedReadiness,
  fasterVerdict,
  guardTrips,
  overallVerdict,
  type ReadinessCast,
  shareDifference,
  shareVerdict,
  type Verdict,
} from "./rollout-expected.ts";

/** The rollout part's mismatch count, shared by its tables. */
export interface Checker {
  problems: number;
}

interface Share {
  count: number;
  of: number;
  total?: number;
  rate: number | null;
  interval: { low: number; high: number } | null;
}

export interface ReadinessAnswer {
  ready_categories: string[];
  categories: Array<{
    category: string;
    samples: number;
    decision_agreement: Share & { total: number };
    answer_agreement: Share & { total: number };
    ready: boolean;
    not_ready_because: string[];
  }>;
}

export interface ExperimentAnswer {
  arms: { assistant: { tickets: number }; control: { tickets: number } };
  metrics: Array<{
    metric: string;
    kind: "share" | "median";
    assistant: { count?: number; of: number; median?: number | null };
    control: { count?: number; of: number; median?: number | null };
    difference: number | null;
    interval: { low: number; high: number } | null;
    verdict: Verdict;
  }>;
  verdict: Verdict;
}

export interface GuardAnswer {
  fallbacks: Array<{ category: string; reason: string; rate: number; samples: number; threshold: number }>;
  history: Array<{ category: string; action: string; by: string }>;
}

const mark = (checks: Checker, got: string, want: string) => {
  if (got !== want) checks.problems += 1;
  return got === want ? "ok" : "MISMATCH";
};

/** The shadow period's cast on each platform (rollout-part.ts step 1). */
const SHADOW_CAST: ReadinessCast[] = [
  { category: "refund", samples: 10, decisionsAgreeing: 10, answers: 10, answersAgreeing: 10 },
  { category: "contact_support", samples: 10, decisionsAgreeing: 8, answers: 0, answersAgreeing: 0 },
  { category: "billing", samples: 3, decisionsAgreeing: 3, answers: 3, answersAgreeing: 1 },
];

/** The answer rounds bounds to 4 places; the expected bound is rounded the same way. */
const agreement = (count: number, total: number, low: number | null | undefined) =>
  total ? `${count}/${total} (low ${(Math.round((low ?? 0) * 10_000) / 10_000).toFixed(4)})` : "—";
const verdictText = (ready: boolean, because: string[]) => (ready ? "ready" : `no: ${because.join(", ")}`);

export function readinessRows(
  platform: string,
  answer: ReadinessAnswer,
  settings: { threshold: number; minSamples: number },
  checks: Checker,
): string[][] {
  return SHADOW_CAST.map((cast) => {
    const c = answer.categories.find((x) => x.category === cast.category);
    const want = expectedReadiness(cast, settings.threshold, settings.minSamples);
    const got = c
      ? [
          String(c.samples),
          agreement(c.decision_agreement.count, c.decision_agreement.total, c.decision_agreement.interval?.low),
          agreement(c.answer_agreement.count, c.answer_agreement.total, c.answer_agreement.interval?.low),
          verdictText(c.ready && answer.ready_categories.includes(c.category), c.not_ready_because),
        ]
      : ["—", "—", "—", "missing"];
    const wanted = [
      String(cast.samples),
      agreement(cast.decisionsAgreeing, cast.samples, want.decisionLow),
      agreement(cast.answersAgreeing, cast.answers, want.answerLow),
      verdictText(want.ready, want.because),
    ];
    return [platform, cast.category, ...got, wanted[3] ?? "", mark(checks, got.join("|"), wanted.join("|"))];
  });
}

/** The experiment's cast on one platform (rollout-part.ts step 3). */
export interface ExperimentCast {
  /** Tickets of the shadow period: decided today, before the control group, so in the assistant arm. */
  shadowTickets: number;
  /** Shadow tickets an agent replied to publicly (their first response). */
  shadowReplied: number;
  autosent: number;
  drafted: number;
  control: number;
  /** Step 3's tickets whose decision row has another arm or public reply than the hash says. */
  wrongArms: number;
  minSamples: number;
}

export function experimentRows(
  platform: string,
  answer: ExperimentAnswer,
  cast: ExperimentCast,
  checks: Checker,
): string[][] {
  const solved = cast.autosent + cast.drafted;
  const shares = {
    csat_good: { a: { count: cast.autosent, of: cast.autosent }, c: { count: cast.control, of: cast.control } },
    reopen_rate: { a: { count: cast.autosent ? 1 : 0, of: solved }, c: { count: 0, of: cast.control } },
    recontact_rate: { a: { count: 0, of: solved }, c: { count: 0, of: cast.control } },
  } as const;
  const medians = {
    first_response_minutes: { a: cast.shadowReplied + solved, c: cast.control },
    resolution_minutes: { a: solved, c: cast.control },
  } as const;
  const verdicts: Verdict[] = [];
  const rows: string[][] = [];
  // The arms' ticket counts, and that every decision row of step 3 has the arm its ticket id hashes to.
  const assistantTickets = String(answer.arms.assistant.tickets);
  const controlTickets = String(answer.arms.control.tickets);
  const armsGot = `${assistantTickets} · ${controlTickets} · ${cast.wrongArms} rows off`;
  const armsWant = `${cast.shadowTickets + solved} · ${cast.control} · 0 rows off`;
  rows.push([
    platform,
    "tickets (arm of every row)",
    assistantTickets,
    controlTickets,
    "",
    `${cast.wrongArms} rows off their arm`,
    armsWant,
    mark(checks, armsGot, armsWant),
  ]);
  for (const m of answer.metrics) {
    const share = shares[m.metric as keyof typeof shares];
    const median = medians[m.metric as keyof typeof medians];
    if (!share && !median) continue;
    const better = m.metric === "csat_good" ? "higher" : "lower";
    const verdict = share
      ? shareVerdict(share.a, share.c, better, cast.minSamples)
      : fasterVerdict(median?.a ?? 0, median?.c ?? 0, cast.minSamples);
    verdicts.push(verdict);
    const side = (s: ExperimentAnswer["metrics"][number]["assistant"]) =>
      m.kind === "share"
        ? `${s.count}/${s.of}`
        : `${s.median === null || s.median === undefined ? "—" : s.median.toFixed(1)} min of ${s.of}`;
    const shown = (d: { difference: number | null; interval: { low: number; high: number } | null } | null) =>
      d === null || d.difference === null
        ? "—"
        : `${d.difference.toFixed(3)} [${d.interval?.low.toFixed(3)}, ${d.interval?.high.toFixed(3)}]`;
    const difference = shown(m);
    // A share's difference and interval follow from its counts; a median's depend on the run's own
    // minutes, so it is checked through its counts and its verdict (every assistant time below every control time).
    const expectedShare = share ? shareDifference(share.a, share.c) : null;
    const wantDifference = shown(expectedShare && { difference: expectedShare.difference, interval: expectedShare });
    const got =
      m.kind === "share"
        ? `${m.assistant.count}/${m.assistant.of} · ${m.control.count}/${m.control.of} · ${difference} · ${m.verdict}`
        : `of ${m.assistant.of} · of ${m.control.of} · ${m.verdict}`;
    const want = share
      ? `${share.a.count}/${share.a.of} · ${share.c.count}/${share.c.of} · ${wantDifference} · ${verdict}`
      : `of ${median?.a} · of ${median?.c} · ${verdict}`;
    rows.push([
      platform,
      m.metric,
      side(m.assistant),
      side(m.control),
      difference,
      m.verdict,
      want,
      mark(checks, got, want),
    ]);
  }
  const overall = overallVerdict(verdicts);
  rows.push([platform, "overall", "", "", "", answer.verdict, overall, mark(checks, answer.verdict, overall)]);
  return rows;
}

export function guardRows(
  platform: string,
  answer: GuardAnswer,
  cast: { autosentRefunds: number; falseResolutions: number } | undefined,
  settings: { minSamples: number; maxFalseResolutionRate: number },
  checks: Checker,
): string[][] {
  const describe = (f: { category: string; reason: string; rate: number; samples: number; threshold: number }) =>
    `${f.category} (${f.reason}) ${f.rate.toFixed(3)} of ${f.samples} > ${f.threshold}`;
  const got = answer.fallbacks.map(describe).join(", ") || "none";
  const n = cast?.autosentRefunds ?? 0;
  const bad = cast?.falseResolutions ?? 0;
  const want = guardTrips(bad, n, settings.maxFalseResolutionRate, settings.minSamples)
    ? describe({
        category: "refund",
        reason: "false_resolution_rate",
        rate: bad / n,
        samples: n,
        threshold: settings.maxFalseResolutionRate,
      })
    : "none";
  const tripped = answer.history.filter((h) => h.action === "tripped" && h.by === "guard").length;
  const history = `${tripped} trip(s) recorded by the guard`;
  const wantHistory = `${want === "none" ? 0 : 1} trip(s) recorded by the guard`;
  return [
    [platform, "hourly run after the reopens", got, want, mark(checks, got, want)],
    [platform, "history", history, wantHistory, mark(checks, history, wantHistory)],
  ];
}
