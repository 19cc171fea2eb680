import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/support-event.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { writeCanaryRollbacks } from "../../src/state/canary-rollbacks.ts";
import { userReplied } from "../support/intercom-events.ts";
import { decision, event } from "../support/ledger-rows.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";

const { zendesk, intercom, anthropic } = useBothHelpdesks();

const ANSWER = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
const CANDIDATE = "claude-opus-5";
const CANARY = JSON.stringify({ decision_model: CANDIDATE, prompt_variant: "concise" });
const ADMIN_TOKEN = "canary-admin-token";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const GUARD_CRON = "41 * * * *";
const DAY = 24 * 60 * 60 * 1000;
const base = { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend", DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN };

type Harness = ReturnType<typeof createHarness>;

interface Platformed {
  platform: Platform;
  account: string;
  /** Stages the answer scenario as a new ticket (the n-th), delivers it, and returns its id. */
  ask(h: Harness, n: number): Promise<string>;
  /** The customer writes again on a ticket `ask` created. */
  followUp(h: Harness, id: string, body: string): Promise<void>;
}

/** The requester of each ticket `ask` created, for its follow-up. */
const requesters = new Map<string, string | number>();

const PLATFORMS: Platformed[] = [
  {
    platform: "zendesk",
    account: "acme",
    async ask(h, n) {
      const { ticketId, requesterId } = stageScenario(zendesk, SCENARIOS[ANSWER]!, ANSWER + n);
      expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);
      requesters.set(String(ticketId), requesterId);
      return String(ticketId);
    },
    async followUp(h, id, body) {
      const requesterId = requesters.get(id) as number;
      const comment = zendesk.addComment(Number(id), { authorId: requesterId, body });
      const event = commentAdded(
        { id: Number(id), requesterId },
        { id: comment.id, authorId: requesterId, isStaff: false },
      );
      expect((await h.deliver(event)).status).toBe(202);
    },
  },
  {
    platform: "intercom",
    account: TEST_INTERCOM_APP_ID,
    async ask(h, n) {
      const { conversationId, payload } = stageIntercomScenario(intercom, SCENARIOS[ANSWER]!, ANSWER + n);
      expect((await h.deliverIntercom(payload)).status).toBe(202);
      const contacts = (payload as { data: { item: { contacts: { contacts: Array<{ id: string }> } } } }).data.item;
      requesters.set(conversationId, contacts.contacts.contacts[0]!.id);
      return conversationId;
    },
    async followUp(h, id, body) {
      const part = intercom.addPart(id, { author: "user", body }).parts.at(-1)!;
      const conversation = { id, contactId: String(requesters.get(id)) };
      expect((await h.deliverIntercom(userReplied(conversation, { id: part.id, body }))).status).toBe(202);
    },
  },
];

/** The model requests made since `from`: which model each asked for, and whether it had the concise rule. */
function modelCalls(from: number) {
  return anthropic.requests.slice(from).map((r) => ({
    model: r.body.model,
    concise: JSON.stringify(r.body.system ?? "").includes("# Brevity"),
  }));
}

describe.each(PLATFORMS)("the canary on $platform", (p) => {
  const rows = (h: Harness) => h.decisions(p.platform, p.account);

  it("a canary ticket decides with the candidate model and prompt, and its row says canary", async () => {
    const h = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" } });
    await p.ask(h, 0);
    const calls = modelCalls(0);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls).toEqual(calls.map(() => ({ model: CANDIDATE, concise: true })));
    const [row] = await rows(h);
    expect(row).toMatchObject({ outcome: "answer", arm: "assistant", variant: "canary", publicReply: true });

    // The same ticket shape without a canary share: the account's model and prompt, a different fingerprint.
    const current = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY } });
    const before = anthropic.requests.length;
    await p.ask(current, 1);
    const currentCalls = modelCalls(before);
    expect(currentCalls.length).toBeGreaterThan(0);
    expect(currentCalls.every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    const [currentRow] = await rows(current);
    expect(currentRow).toMatchObject({ outcome: "answer", variant: "current" });
    expect(currentRow?.fingerprint).not.toBe(row?.fingerprint);
  });

  it("GET /admin/experiment?compare=canary compares the canary with the current tickets of the same span", async () => {
    const canary = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" } });
    const current = createHarness({
      env: { ...base, DESKMATE_CANARY: CANARY },
      kv: canary.kv,
      ledgerDb: canary.ledgerDb,
    });
    await p.ask(canary, 0);
    await p.ask(current, 1);
    await p.ask(canary, 2);
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    const query = `platform=${p.platform}&account=${p.account}&from=${day(-1)}&to=${day(1)}`;
    const ask = (extra: string) =>
      canary.runtime.app.request(`/admin/experiment?${query}${extra}`, { headers: auth }, canary.env);

    const response = await ask("&compare=canary");
    expect(response.status).toBe(200);
    const report = (await response.json()) as { compare: string; canaries: Array<Record<string, unknown>> };
    const fingerprint = (await rows(canary)).find((r) => r.variant === "canary")?.fingerprint;
    expect(report.compare).toBe("canary");
    expect(report.canaries).toEqual([
      expect.objectContaining({
        fingerprint,
        canary: { tickets: 2 },
        current: { tickets: 1 },
        verdict: "not enough data",
      }),
    ]);
    const metrics = report.canaries[0]?.metrics as Array<Record<string, unknown>>;
    expect(metrics.map((m) => m.metric)).toEqual([
      "csat_good",
      "reopen_rate",
      "recontact_rate",
      "first_response_minutes",
      "resolution_minutes",
    ]);
    expect(metrics[3]).toMatchObject({ canary: { of: 2 }, current: { of: 1 } });

    // The arms comparison is unchanged by default, and a bad compare is named.
    expect(await (await ask("")).json()).toMatchObject({ arms: { assistant: { tickets: 3 } } });
    const bad = await ask("&compare=canaries");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fields: [expect.objectContaining({ name: "compare" })] });
  });

  it("membership is fixed at the first decision: with the share set to 0 later, the ticket stays canary", async () => {
    const h = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" } });
    const id = await p.ask(h, 0);
    const later = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY }, kv: h.kv, ledgerDb: h.ledgerDb });
    const before = anthropic.requests.length;
    await p.followUp(later, id, "And what about my second order?");
    const calls = modelCalls(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.model === CANDIDATE && c.concise)).toBe(true);
    expect((await rows(later)).map((r) => r.variant)).toEqual(["canary", "canary"]);
  });

  it("a control ticket never gets the canary, even at 100%", async () => {
    const h = createHarness({
      env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100", DESKMATE_CONTROL_PERCENT: "100" },
    });
    await p.ask(h, 0);
    expect(modelCalls(0).every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    expect((await rows(h))[0]).toMatchObject({ arm: "control", variant: "current" });
  });

  it("a rolled-back canary fingerprint: the next canary ticket decides as current", async () => {
    const h = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" } });
    await p.ask(h, 0);
    const [first] = await rows(h);
    expect(first?.variant).toBe("canary");
    await writeCanaryRollbacks(h.runtime.pipelineDeps(p.platform, p.account).store, [first!.fingerprint]);
    const before = anthropic.requests.length;
    await p.ask(h, 1);
    expect(modelCalls(before).every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    const second = (await rows(h)).find((r) => r.eventId !== first?.eventId);
    expect(second).toMatchObject({ outcome: "answer", variant: "current" });
    expect(second?.fingerprint).not.toBe(first?.fingerprint);
  });
});

describe.each(PLATFORMS)("the stage guard and the canary on $platform", (p) => {
  const rows = (h: Harness) => h.decisions(p.platform, p.account);
  const canaryEnv = { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" };

  /** 20 autosent canary answers ten days ago under `fingerprint`, 8 of them reopened: 40% false resolutions. */
  async function seedBadCanary(h: Harness, fingerprint: string, now: number): Promise<void> {
    const ledger = d1Ledger(h.ledgerDb!);
    const ids = { platform: p.platform, account: p.account };
    for (let i = 0; i < 20; i++) {
      const ticketId = `seed-canary-${i}`;
      const decidedAt = new Date(now - 10 * DAY).toISOString();
      const row = { ...ids, ticketId, category: "refund", decidedAt, arm: "assistant", fingerprint };
      await ledger.recordDecision(decision({ ...row, variant: "canary" }));
      if (i < 8)
        await ledger.recordLifecycle(
          event("reopened", 0, { ...ids, ticketId, at: new Date(now - 9 * DAY).toISOString() }),
        );
    }
  }

  const status = async (h: Harness) => {
    const response = await h.runtime.app.request(
      `/admin/guard/status?platform=${p.platform}&account=${p.account}`,
      { headers: auth },
      h.env,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as {
      fallbacks: unknown[];
      canary_rollbacks: Array<Record<string, unknown>>;
      history: Array<Record<string, unknown>>;
    };
  };
  const reenable = (h: Harness, body: unknown) =>
    h.runtime.app.request(
      "/admin/guard/reenable",
      { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) },
      h.env,
    );
  const lastRow = async (h: Harness) => (await rows(h)).sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)).at(-1);

  it("rolls a bad canary back: the next ticket decides as current; only an admin re-enables it", async () => {
    const h = createHarness({ env: canaryEnv });
    const now = Date.now();
    await p.ask(h, 0);
    const fingerprint = (await lastRow(h))!.fingerprint;
    expect((await lastRow(h))?.variant).toBe("canary");

    await seedBadCanary(h, fingerprint, now);
    expect(await h.runtime.runScheduled(GUARD_CRON, now)).toMatchObject({ tripped: 1 });
    const view = await status(h);
    // The canary's tickets are judged as the canary: their category does not fall back to draft.
    expect(view.fallbacks).toEqual([]);
    expect(view.canary_rollbacks).toEqual([
      {
        canary: fingerprint,
        since: new Date(now).toISOString(),
        reason: "false_resolution_rate",
        rate: 0.4,
        samples: 20,
        threshold: 0.15,
        window_days: 14,
      },
    ]);
    expect(view.history).toEqual([expect.objectContaining({ canary: fingerprint, action: "tripped", by: "guard" })]);

    // The next canary member decides with the current settings, and is recorded as current.
    let before = anthropic.requests.length;
    await p.ask(h, 1);
    expect(modelCalls(before).every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    expect(await lastRow(h)).toMatchObject({ variant: "current", publicReply: true });
    // The guard never re-enables it by itself.
    expect(await h.runtime.runScheduled(GUARD_CRON, now + 3_600_000)).toMatchObject({ tripped: 0, reEnabled: 0 });

    const refused = await reenable(h, { platform: p.platform, account: p.account, canary: "not-a-fingerprint" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fields: [expect.objectContaining({ name: "canary" })] });
    const unknown = await reenable(h, { platform: p.platform, account: p.account, canary: "0123456789abcdef" });
    expect(unknown.status).toBe(404);
    const done = await reenable(h, { platform: p.platform, account: p.account, canary: fingerprint });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ re_enabled: { canary: fingerprint, action: "re_enabled", by: "admin" } });
    expect((await status(h)).canary_rollbacks).toEqual([]);

    before = anthropic.requests.length;
    await p.ask(h, 2);
    expect(modelCalls(before).every((c) => c.model === CANDIDATE && c.concise)).toBe(true);
    expect(await lastRow(h)).toMatchObject({ variant: "canary", fingerprint });
  });

  it("a new canary block (a new fingerprint) starts fresh after a rollback", async () => {
    const h = createHarness({ env: canaryEnv });
    const now = Date.now();
    await p.ask(h, 0);
    const fingerprint = (await lastRow(h))!.fingerprint;
    await seedBadCanary(h, fingerprint, now);
    expect(await h.runtime.runScheduled(GUARD_CRON, now)).toMatchObject({ tripped: 1 });

    const changed = JSON.stringify({ decision_model: "claude-opus-5-1" });
    const next = createHarness({ env: { ...canaryEnv, DESKMATE_CANARY: changed }, kv: h.kv, ledgerDb: h.ledgerDb });
    const before = anthropic.requests.length;
    await p.ask(next, 1);
    expect(modelCalls(before).every((c) => c.model === "claude-opus-5-1")).toBe(true);
    const row = await lastRow(next);
    expect(row).toMatchObject({ variant: "canary" });
    expect(row?.fingerprint).not.toBe(fingerprint);
  });
});
