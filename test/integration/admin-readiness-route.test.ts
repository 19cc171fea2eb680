import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { at, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

const TOKEN = "test-admin-token-0123456789";
// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

async function setup(
  rows: { decisions?: DecisionRecord[]; events?: LifecycleEvent[] } = {},
  options: { ledger?: boolean; env?: Record<string, string> } = {},
) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  for (const d of rows.decisions ?? []) await ledger.recordDecision(d);
  for (const e of rows.events ?? []) await ledger.recordLifecycle(e);
  const h = createHarness({
    env: { DESKMATE_ADMIN_TOKEN: TOKEN, ...(options.env ?? {}) },
    ledgerDb: options.ledger === false ? null : db,
  });
  return (path: string, auth: string | null = `Bearer ${TOKEN}`) =>
    h.runtime.app.request(path, { headers: auth ? { authorization: auth } : {} }, h.env);
}

/** Ticket `n`: a shadow answer, and an agent's reply (or a move to group 7) an hour later. */
function scored(n: number, human: "reply" | "move", category = "billing") {
  const ticketId = String(100 + n);
  const d = decision({
    ticketId,
    eventId: `d${n}`,
    decidedAt: at(n * HOUR),
    mode: "shadow",
    outcome: "answer",
    category,
    proposedReply: "Refunds take 5 days.",
  });
  const e =
    human === "reply"
      ? event("human_public_reply", n * HOUR + HOUR, { ticketId, eventId: `c${n}`, replyText: "Refunds take 5 days." })
      : event("group_changed", n * HOUR + HOUR, { ticketId, eventId: `g${n}`, detail: "7" });
  return { d, e };
}

describe("GET /admin/readiness", () => {
  it("answers readiness per category with counts and Wilson 95% intervals, at the account's settings", async () => {
    const rows = [...Array.from({ length: 12 }, (_, i) => scored(i, "reply")), scored(12, "move", "shipping")];
    const request = await setup(
      { decisions: rows.map((r) => r.d), events: rows.map((r) => r.e) },
      { env: { DESKMATE_READINESS_MIN_SAMPLES: "10", DESKMATE_READINESS_THRESHOLD: "0.7" } },
    );
    const res = await request(`/admin/readiness?${ACME}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      range: { from: "2026-03-02", to: "2026-03-08" },
      definitions: { threshold: 0.7, min_samples: 10, interval: "wilson_95" },
      ready_categories: ["billing"],
      categories: [
        {
          category: "billing",
          samples: 12,
          decision_agreement: {
            count: 12,
            total: 12,
            rate: 1,
            interval: { low: 0.7575, high: 1, method: "wilson_95" },
          },
          answer_agreement: { count: 12, total: 12 },
          ready: true,
        },
        { category: "shipping", samples: 1, decision_agreement: { count: 0, total: 1 }, ready: false },
      ],
    });
  });

  it("names every bad parameter, refuses a wrong token, and says when no ledger is bound", async () => {
    const request = await setup();
    const bad = await request("/admin/readiness?platform=freshdesk&from=2026-13-01&to=2026-03-08");
    expect(bad.status).toBe(400);
    const problems = (await bad.json()) as { fields: Array<{ name: string }> };
    expect(problems.fields.map((f) => f.name)).toEqual(["platform", "account", "from"]);
    expect((await request(`/admin/readiness?${ACME}`, "Bearer wrong")).status).toBe(401);
    const unbound = await setup({}, { ledger: false });
    expect(await (await unbound(`/admin/readiness?${ACME}`)).json()).toMatchObject({ error: "ledger_missing" });
  });
});
