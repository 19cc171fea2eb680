import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";
import { DAY, decision, event, HOUR } from "../support/ledger-rows.ts";

const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

/** 40 tickets per arm: the assistant replies at once, people in control after 2 hours; CSAT 30/35 against 20/35. */
function arms() {
  const decisions: DecisionRecord[] = [];
  const events: LifecycleEvent[] = [];
  for (const arm of ["assistant", "control"] as const) {
    for (let i = 0; i < 40; i++) {
      const ids = { platform: "zendesk" as const, account: "acme", ticketId: `${arm}-${i}` };
      const decidedAt = new Date(Date.parse("2026-03-02T10:00:00Z") + i * HOUR).toISOString();
      decisions.push(decision({ ...ids, arm, decidedAt, publicReply: arm === "assistant" }));
      if (arm === "control") events.push(event("human_public_reply", i * HOUR + 2 * HOUR, ids));
      events.push(event("solved", i * HOUR + DAY, ids));
      const good = arm === "assistant" ? 30 : 20;
      if (i < 35) events.push(event("csat", i * HOUR + DAY + HOUR, { ...ids, rating: i < good ? "good" : "bad" }));
    }
  }
  return { decisions, events };
}

/** The value at a dotted path of GET /admin/experiment, `metrics.<name>` selecting a metric by name. */
function valueAt(report: { metrics: Array<{ metric: string }> }, path: string): unknown {
  const [head = "", ...rest] = path.split(".");
  let value: unknown = (report as unknown as Record<string, unknown>)[head];
  if (head === "metrics") {
    const name = rest.shift();
    value = report.metrics.find((m) => m.metric === name);
  }
  for (const key of rest) value = (value as Record<string, unknown> | null)?.[key];
  return value;
}

describe("console Experiment page", () => {
  it("shows every number of GET /admin/experiment for the same filters, with the verdicts", async () => {
    const { get, request, signIn, h } = await consoleClient(arms());
    const { cookie } = await signIn();
    const res = await get(`/admin/arms?${ACME}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain("<h1>Experiment</h1>");
    expect(page).toContain(`<a href="/admin/arms?${ACME.replaceAll("&", "&amp;")}" aria-current="page">Experiment</a>`);

    const api = await request(`/admin/experiment?${ACME}`, {
      headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
    });
    const report = (await api.json()) as { verdict: string; metrics: Array<{ metric: string; verdict: string }> };
    const shown = pageMetrics(page);
    expect(Object.keys(shown).length).toBeGreaterThan(20);
    for (const [path, value] of Object.entries(shown))
      expect([path, value]).toEqual([path, String(valueAt(report, path))]);
    expect(shown["arms.control.tickets"]).toBe("40");
    expect(shown["metrics.csat_good.assistant.count"]).toBe("30");
    expect(page).toContain(`<strong data-verdict="overall">${report.verdict}</strong>`);
    for (const m of report.metrics) expect(page).toContain(`<td data-verdict="${m.metric}">${m.verdict}</td>`);
    expect(page).toMatch(/Newcombe/);
  });

  it("without arms in the range: zero tickets per arm and not enough data", async () => {
    const { get, signIn } = await consoleClient({ decisions: [decision()] });
    const page = await (await get(`/admin/arms?${ACME}`, (await signIn()).cookie)).text();
    expect(pageMetrics(page)["arms.assistant.tickets"]).toBe("0");
    expect(page).toContain('<strong data-verdict="overall">not enough data</strong>');
  });

  it("sends a browser without a session to the sign-in page", async () => {
    const res = await (await consoleClient(arms())).get(`/admin/arms?${ACME}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
  });

  it("shows each canary against current with the numbers of GET /admin/experiment?compare=canary", async () => {
    // The arms above, 10 assistant tickets decided by a canary: every other one from 10 to 28, so the
    // current tickets of the canary's span (11 to 27) interleave with them.
    const rows = arms();
    rows.decisions = rows.decisions.map((d) => {
      const i = Number(d.ticketId.split("-")[1]);
      return d.arm === "assistant" && i % 2 === 0 && i >= 10 && i < 30
        ? { ...d, variant: "canary", fingerprint: "c0ffee0000000001" }
        : d;
    });
    const { get, request, signIn, h } = await consoleClient(rows);
    const page = await (await get(`/admin/arms?${ACME}`, (await signIn()).cookie)).text();
    const api = await request(`/admin/experiment?${ACME}&compare=canary`, {
      headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
    });
    const report = (await api.json()) as { canaries: Array<{ metrics: Array<{ metric: string }> }> };
    const shown = Object.entries(pageMetrics(page)).filter(([path]) => path.startsWith("canary."));
    expect(shown.length).toBeGreaterThan(20);
    for (const [path, value] of shown) {
      const [, , index, ...rest] = path.split(".");
      const canary = report.canaries[Number(index)]!;
      expect([path, value]).toEqual([path, String(valueAt(canary, rest.join(".")))]);
    }
    expect(pageMetrics(page)["canary.canaries.0.canary.tickets"]).toBe("10");
    expect(pageMetrics(page)["canary.canaries.0.current.tickets"]).toBe("9");
    expect(page).toContain('data-canary="c0ffee0000000001"');
  });

  it("says so when no canary decided in the range", async () => {
    const { get, signIn } = await consoleClient(arms());
    const page = await (await get(`/admin/arms?${ACME}`, (await signIn()).cookie)).text();
    expect(page).toContain('data-canaries="none"');
  });
});
