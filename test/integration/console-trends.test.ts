import { describe, expect, it } from "vitest";
import { DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-04";

function threeDays() {
  return {
    decisions: [
      decision(zd("1")),
      decision({ ...zd("2"), outcome: "escalate", reasons: ["human_requested"] }),
      decision({ ...zd("3"), decidedAt: "2026-03-03T10:00:00.000Z" }),
    ],
    events: [
      event("solved", 2 * HOUR, zd("1")),
      event("human_public_reply", 30 * 60_000, zd("2")),
      event("solved", DAY + 2 * HOUR, zd("3")),
      event("reopened", 2 * DAY, zd("3")),
    ],
  };
}

type DayMetrics = {
  tickets: { handled: number; ai_resolved: number; false_resolutions: number; escalated: number };
  cost: { per_stayed_resolved_usd: number | null };
  escalation_first_reply: { median_minutes: number | null };
};

describe("Overview daily trends", () => {
  it("charts each UTC day with the numbers GET /admin/metrics gives for that day", async () => {
    const { get, request, signIn, h } = await consoleClient(threeDays());
    const res = await get(`/admin?${ACME}`, (await signIn()).cookie);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const page = await res.text();
    // The funnel's numbers keep their contract; the charts come after it.
    expect(pageMetrics(page)["tickets.handled"]).toBe("3");
    expect(page.indexOf('id="tickets-funnel"')).toBeLessThan(page.indexOf('id="trends"'));
    // No inline script: only the JSON data block and scripts from this origin.
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual([
      'type="application/json" id="trend-data"',
      'src="/console/vendor/uPlot.iife.min.js" defer',
      'src="/console/trend-charts.js" defer',
    ]);
    const block = /<script type="application\/json" id="trend-data">([^<]*)<\/script>/.exec(page)?.[1] ?? "";
    const data = JSON.parse(block) as { days: string[]; series: Array<{ key: string; values: Array<number | null> }> };
    expect(data.days).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);

    for (const [i, day] of data.days.entries()) {
      const api = await request(`/admin/metrics?platform=zendesk&account=acme&from=${day}&to=${day}`, {
        headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
      });
      const m = (await api.json()) as DayMetrics;
      const t = m.tickets;
      const expected: Record<string, number | null> = {
        resolution_rate: t.handled ? t.ai_resolved / t.handled : null,
        false_resolution_rate: t.ai_resolved ? t.false_resolutions / t.ai_resolved : null,
        escalation_rate: t.handled ? t.escalated / t.handled : null,
        cost_per_stayed_resolved_usd: m.cost.per_stayed_resolved_usd,
        first_reply_median_minutes: m.escalation_first_reply.median_minutes,
      };
      for (const series of data.series) {
        expect(series.values[i], `${series.key} on ${day}`).toBe(expected[series.key]);
        // The table alternative shows the same raw value.
        expect(page).toContain(
          `data-trend="${series.key}" data-day="${day}" data-value="${String(expected[series.key] ?? "null")}"`,
        );
      }
    }
    expect(data.series.find((s) => s.key === "resolution_rate")?.values).toEqual([0.5, 1, null]);
    // Each chart has a text alternative.
    expect(page).toContain('role="img" aria-label="Resolution rate (AI-resolved of handled tickets): 2 of 3 days');
  });

  it("leaves the charts out of ranges over 31 days, saying why", async () => {
    const { get, signIn } = await consoleClient(threeDays());
    const res = await get(
      "/admin?platform=zendesk&account=acme&from=2026-02-01&to=2026-03-04",
      (await signIn()).cookie,
    );
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Daily trends cover at most 31 days");
    expect(page).not.toContain('id="trend-data"');
    expect(pageMetrics(page)["tickets.handled"]).toBe("3");
  });
});
