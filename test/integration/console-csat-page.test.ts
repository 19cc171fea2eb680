import { describe, expect, it } from "vitest";
import { DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

/** One ticket per path, rated: AI-resolved good, escalated bad and good, human-only good. */
function ratedWeek() {
  return {
    decisions: [
      decision(zd("1")),
      decision({ ...zd("3"), outcome: "escalate", reasons: ["human_requested"] }),
      decision({ ...zd("4"), outcome: "escalate", reasons: ["legal"] }),
    ],
    events: [
      event("solved", 2 * HOUR, zd("1")),
      event("csat", DAY, { ...zd("1"), rating: "good" }),
      event("csat", 2 * DAY, { ...zd("3"), rating: "bad" }),
      event("csat", 2 * DAY, { ...zd("4"), rating: "good" }),
      event("solved", 3 * HOUR, zd("8")),
      event("csat", DAY, { ...zd("8"), rating: "good" }),
    ],
  };
}

describe("console CSAT page", () => {
  it("shows ratings by path with the numbers of GET /admin/metrics and a Wilson 95% interval", async () => {
    const { get, request, signIn, h } = await consoleClient(ratedWeek());
    const { cookie } = await signIn();
    const res = await get(`/admin/csat?${ACME}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain("<h1>CSAT</h1>");
    // The nav keeps the page's filters, so the next page shows the same account and range.
    expect(page).toContain(`<a href="/admin/csat?${ACME.replaceAll("&", "&amp;")}" aria-current="page">CSAT</a>`);

    const api = await request(`/admin/metrics?${ACME}`, {
      headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
    });
    const csat = ((await api.json()) as { csat: Record<string, { rated: number; good: number }> }).csat;
    expect(csat).toEqual({
      ai_resolved: { rated: 1, good: 1 },
      escalated: { rated: 2, good: 1 },
      human_only: { rated: 1, good: 1 },
    });
    const shown = pageMetrics(page);
    for (const [path, counts] of Object.entries(csat)) {
      expect(shown[`csat.${path}.rated`]).toBe(String(counts.rated));
      expect(shown[`csat.${path}.good`]).toBe(String(counts.good));
    }
    // 1 of 2 good: 50.0%, Wilson 9% to 91%; 1 of 1: 21% to 100%.
    expect(page).toMatch(/50\.0%<\/td>\s*<td class="num" data-interval="escalated">9% to 91%</);
    expect(page).toMatch(/data-interval="ai_resolved">21% to 100%</);
  });

  it("says there is nothing to estimate for a path without ratings", async () => {
    const { get, signIn } = await consoleClient({ decisions: [decision(zd("1"))] });
    const page = await (await get(`/admin/csat?${ACME}`, (await signIn()).cookie)).text();
    expect(pageMetrics(page)["csat.ai_resolved.rated"]).toBe("0");
    expect(page).toMatch(/data-interval="ai_resolved">—</);
  });

  it("sends a browser without a session to the sign-in page", async () => {
    const { get } = await consoleClient(ratedWeek());
    const res = await get(`/admin/csat?${ACME}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
  });

  it("names the bad filter field", async () => {
    const { get, signIn } = await consoleClient(ratedWeek());
    const res = await get(
      "/admin/csat?platform=zendesk&account=acme&from=2026-03-09&to=2026-03-02",
      (await signIn()).cookie,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('role="alert"');
  });
});
