import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/support-event.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { writeGuardedCategories } from "../../src/state/guarded-categories.ts";
import { ACTIONS_BASE_URL, ACTIONS_TOKEN, createActionsBackend } from "../support/actions-backend.ts";
import { modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { decision, event } from "../support/ledger-rows.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";

const { zendesk, intercom, anthropic, server } = useBothHelpdesks();

const ADMIN_TOKEN = "guard-admin-token";
const GUARD_CRON = "41 * * * *";
const DAY = 24 * 60 * 60 * 1000;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** The scenario whose recorded model output answers with category `refund`. */
const REFUND = SCENARIOS.findIndex((s) => s.name === "answer from the help center");

interface Platformed {
  platform: Platform;
  account: string;
  /** Stages the refund question as a new ticket, delivers it, and says whether a public reply reached the customer. */
  ask(h: ReturnType<typeof createHarness>, n: number): Promise<boolean>;
}

const PLATFORMS: Platformed[] = [
  {
    platform: "zendesk",
    account: "acme",
    async ask(h, n) {
      const { ticketId, requesterId } = stageScenario(zendesk, SCENARIOS[REFUND]!, REFUND + n);
      expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);
      return zendesk.ticket(ticketId).comments.some((c) => c.public && c.author_id === SANDBOX.assistantId);
    },
  },
  {
    platform: "intercom",
    account: TEST_INTERCOM_APP_ID,
    async ask(h, n) {
      const { conversationId, payload } = stageIntercomScenario(intercom, SCENARIOS[REFUND]!, REFUND + n);
      expect((await h.deliverIntercom(payload)).status).toBe(202);
      return intercom
        .conversation(conversationId)
        .parts.some((p) => p.partType === "comment" && p.authorId === INTERCOM_SANDBOX.assistantAdminId);
    },
  },
];

/**
 * 20 autosent `refund` answers ten days ago, 8 of them reopened (40% false resolutions, over the 15%
 * default), plus 20 clean `order_shipping` ones: what the guard finds in the ledger.
 */
async function seedBadRefunds(h: ReturnType<typeof createHarness>, p: Platformed, now: number): Promise<void> {
  const ledger = d1Ledger(h.ledgerDb!);
  const ids = { platform: p.platform, account: p.account };
  for (let i = 0; i < 20; i++) {
    for (const category of ["refund", "order_shipping"]) {
      const ticketId = `seed-${category}-${i}`;
      const decidedAt = new Date(now - 10 * DAY).toISOString();
      await ledger.recordDecision(decision({ ...ids, ticketId, category, decidedAt, arm: "autosend" }));
      if (category === "refund" && i < 8) {
        const reopened = event("reopened", 0, { ...ids, ticketId, at: new Date(now - 9 * DAY).toISOString() });
        await ledger.recordLifecycle(reopened);
      }
    }
  }
}

async function guardView(h: ReturnType<typeof createHarness>, p: Platformed) {
  const response = await h.runtime.app.request(
    `/admin/guard/status?platform=${p.platform}&account=${p.account}`,
    { headers: auth },
    h.env,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    settings: Record<string, unknown> | null;
    fallbacks: Array<Record<string, unknown>>;
    history: Array<Record<string, unknown>>;
  };
}

describe.each(PLATFORMS)("the stage guard on $platform", (p) => {
  it("trips a category whose autosends were falsely resolved: its next message is drafted, not sent", async () => {
    const h = createHarness({
      env: { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend", DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    const now = Date.now();
    // Before the guard: the refund answer goes out.
    expect(await p.ask(h, 0)).toBe(true);

    await seedBadRefunds(h, p, now);
    const summary = await h.runtime.runScheduled(GUARD_CRON, now);
    expect(summary).toMatchObject({ tripped: 1, reEnabled: 0 });

    const view = await guardView(h, p);
    expect(view.settings).toEqual({
      enabled: true,
      window_days: 14,
      min_samples: 20,
      max_false_resolution_rate: 0.15,
      max_bad_csat_rate: 0.25,
      auto_reenable: false,
    });
    expect(view.fallbacks).toEqual([
      {
        category: "refund",
        since: new Date(now).toISOString(),
        reason: "false_resolution_rate",
        rate: 0.4,
        // 20 seeded, plus the answer sent above (not yet resolved: it waits 72 hours).
        samples: 20,
        threshold: 0.15,
        window_days: 14,
      },
    ]);
    expect(view.history).toEqual([
      expect.objectContaining({ category: "refund", action: "tripped", by: "guard", at: new Date(now).toISOString() }),
    ]);

    // The next refund message: the same recorded answer, now a suggested reply for an agent.
    expect(await p.ask(h, 1)).toBe(false);
    const rows = await h.decisions(p.platform, p.account);
    expect(rows.at(-1)).toMatchObject({ category: "refund", outcome: "answer", publicReply: false });

    // A second run trips nothing more (the category already fell back).
    expect(await h.runtime.runScheduled(GUARD_CRON, now + 3_600_000)).toMatchObject({ tripped: 0 });
    expect((await guardView(h, p)).history).toHaveLength(1);
  });

  it("only an admin re-enables it (audited), and the tickets that tripped it do not trip it again", async () => {
    const h = createHarness({
      env: { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend", DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    const now = Date.now();
    await seedBadRefunds(h, p, now - DAY);
    await h.runtime.runScheduled(GUARD_CRON, now - DAY);
    // Hours later the rates are no better: the default guard never raises the level by itself.
    expect(await h.runtime.runScheduled(GUARD_CRON, now - 1000)).toMatchObject({ tripped: 0, reEnabled: 0 });
    expect(await p.ask(h, 2)).toBe(false);

    const reenable = (body: unknown) =>
      h.runtime.app.request(
        "/admin/guard/reenable",
        { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) },
        h.env,
      );
    const refused = await reenable({ platform: p.platform, account: p.account, category: "Refund!" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fields: [expect.objectContaining({ name: "category" })] });
    const unguarded = await reenable({ platform: p.platform, account: p.account, category: "order_shipping" });
    expect(unguarded.status).toBe(404);

    const done = await reenable({ platform: p.platform, account: p.account, category: "refund" });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      re_enabled: { category: "refund", action: "re_enabled", reason: "admin", by: "admin" },
    });
    const view = await guardView(h, p);
    expect(view.fallbacks).toEqual([]);
    expect(view.history.map((e) => [e.action, e.by])).toEqual([
      ["re_enabled", "admin"],
      ["tripped", "guard"],
    ]);

    // Autosend again, and the next guard run starts the window afresh from the re-enable.
    expect(await p.ask(h, 3)).toBe(true);
    expect(await h.runtime.runScheduled(GUARD_CRON, Date.now() + 1000)).toMatchObject({ tripped: 0 });
    expect(await p.ask(h, 4)).toBe(true);
  });
});

describe("guard_auto_reenable", () => {
  /**
   * At the trip, 20 refund answers are resolved and 4 of them reopened (20%), and 20 more were sent a
   * day before, still waiting out their 72 hours. Three days later those 20 stayed quiet: 4 of 40 (10%).
   */
  async function recoveringRefunds(h: ReturnType<typeof createHarness>, now: number): Promise<void> {
    const ledger = d1Ledger(h.ledgerDb!);
    for (let i = 0; i < 40; i++) {
      const ticketId = `recover-${i}`;
      const decidedAt = new Date(now - (i < 20 ? 10 : 1) * DAY).toISOString();
      await ledger.recordDecision(decision({ ticketId, category: "refund", decidedAt, arm: "autosend" }));
      if (i < 4) {
        await ledger.recordLifecycle(event("reopened", 0, { ticketId, at: new Date(now - 9 * DAY).toISOString() }));
      }
    }
  }

  it("off (the default): the recovered category stays in draft", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" } });
    const now = Date.now() - 4 * DAY;
    await recoveringRefunds(h, now);
    expect(await h.runtime.runScheduled(GUARD_CRON, now)).toMatchObject({ tripped: 1 });
    expect(await h.runtime.runScheduled(GUARD_CRON, now + 3 * DAY + 1000)).toMatchObject({ reEnabled: 0 });
  });

  it("on: the category re-enables itself at the first run where the tripping rate is back under its maximum", async () => {
    const h = createHarness({
      env: { DESKMATE_MODE: "autosend", DESKMATE_GUARD_AUTO_REENABLE: "true", DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    const now = Date.now() - 4 * DAY;
    await recoveringRefunds(h, now);
    expect(await h.runtime.runScheduled(GUARD_CRON, now)).toMatchObject({ tripped: 1 });
    // A day later the 20 recent answers are still waiting: 4 of 20, still over the maximum.
    expect(await h.runtime.runScheduled(GUARD_CRON, now + DAY)).toMatchObject({ reEnabled: 0 });
    expect(await h.runtime.runScheduled(GUARD_CRON, now + 3 * DAY + 1000)).toMatchObject({ reEnabled: 1 });
    const view = await guardView(h, PLATFORMS[0]!);
    expect(view.fallbacks).toEqual([]);
    expect(view.history[0]).toMatchObject({
      category: "refund",
      action: "re_enabled",
      reason: "recovered",
      rate: 0.1,
      samples: 40,
      by: "guard",
    });
  });
});

describe("the guard and the admin API refuse what they cannot do", () => {
  it("GET /admin/guard/status needs the admin token and names bad parameters", async () => {
    const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN } });
    expect((await h.runtime.app.request("/admin/guard/status?platform=zendesk&account=acme", {}, h.env)).status).toBe(
      401,
    );
    const bad = await h.runtime.app.request("/admin/guard/status?platform=slack", { headers: auth }, h.env);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      fields: [expect.objectContaining({ name: "platform" }), expect.objectContaining({ name: "account" })],
    });
  });

  it("with guard_enabled off nothing trips", async () => {
    const h = createHarness({ env: { DESKMATE_MODE: "autosend", DESKMATE_GUARD_ENABLED: "false" } });
    const now = Date.now();
    await seedBadRefunds(h, PLATFORMS[0]!, now);
    expect(await h.runtime.runScheduled(GUARD_CRON, now)).toMatchObject({ tripped: 0 });
  });
});

describe("a guarded category's support action", () => {
  it("is prepared for a person, never run, while its category is in draft", async () => {
    const backend = createActionsBackend();
    server.use(...backend.handlers);
    const h = createHarness({
      env: {
        ANTHROPIC_API_KEY: "test-key",
        DESKMATE_MODE: "autosend",
        DESKMATE_ACTIONS_BASE_URL: ACTIONS_BASE_URL,
        DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
      },
    });
    await writeGuardedCategories(h.store(), {
      account_access: {
        since: new Date().toISOString(),
        reason: "bad_csat_rate",
        rate: 0.5,
        samples: 20,
        threshold: 0.25,
        windowDays: 14,
      },
    });
    const output = sampleModelOutput({
      intent_category: "account_access",
      outcome: "act",
      reply: "I've sent you a new verification email.",
      cited_source_ids: [],
      action: { name: "resend_verification_email", parameters: {} },
    });
    anthropic.answerNext(modelReplies.output(output));
    const customer = zendesk.addCustomer("Dana Customer", {
      email: "dana@example.com",
      external_id: "cus_dana",
      verified: true,
    });
    const ticket = zendesk.addTicket({
      subject: "Help",
      requesterId: customer.id,
      comments: [{ authorId: customer.id, body: "I never got the verification email, can you send it again?" }],
    });
    await h.deliver(ticketCreated({ id: ticket.id, requesterId: customer.id }));
    expect(backend.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate", reasons: ["needs_human_judgment"] });
    expect(zendesk.ticket(ticket.id).comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId)).toEqual(
      [],
    );
  });
});
