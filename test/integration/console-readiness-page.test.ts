import { describe, expect, it } from "vitest";
import { consoleClient, pageMetrics } from "../support/console-client.ts";
import { decision, event, HOUR } from "../support/ledger-rows.ts";

const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

/** Three shadow answers of billing: the agent replied to two (one with other facts), routed one. */
function shadowWeek() {
  const zd = (n: number) => ({ platform: "zendesk" as const, account: "acme", ticketId: String(n) });
  const shadow = (n: number) =>
    decision({ ...zd(n), eventId: `d${n}`, mode: "shadow", category: "billing", proposedReply: "It costs €10." });
  return {
    decisions: [shadow(1), shadow(2), shadow(3)],
    events: [
      event("human_public_reply", HOUR, { ...zd(1), eventId: "c1", replyText: "Yes, €10." }),
      event("human_public_reply", HOUR, { ...zd(2), eventId: "c2", replyText: "It costs €12." }),
      event("group_changed", HOUR, { ...zd(3), eventId: "g3", detail: "7" }),
    ],
  };
}

describe("console Readiness page", () => {
  it("shows readiness per category with the numbers of GET /admin/readiness", async () => {
    const { get, request, signIn, h } = await consoleClient(shadowWeek());
    const { cookie } = await signIn();
    const res = await get(`/admin/readiness/page?${ACME}`, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<h1>Readiness</h1>");
    expect(page).toContain(
      `<a href="/admin/readiness/page?${ACME.replaceAll("&", "&amp;")}" aria-current="page">Readiness</a>`,
    );
    const api = await request(`/admin/readiness?${ACME}`, {
      headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
    });
    const [billing] = ((await api.json()) as { categories: Array<Record<string, Record<string, number>>> }).categories;
    const shown = pageMetrics(page);
    expect(shown["categories.0.samples"]).toBe("3");
    for (const share of ["decision_agreement", "answer_agreement", "draft_acceptance"]) {
      expect(shown[`categories.0.${share}.count`]).toBe(String(billing?.[share]?.count));
      expect(shown[`categories.0.${share}.total`]).toBe(String(billing?.[share]?.total));
    }
    expect(shown["categories.0.decision_agreement.count"]).toBe("2");
    expect(shown["categories.0.answer_agreement.count"]).toBe("1");
    expect(page).toContain('data-not-ready="billing"');
  });

  it("sends a browser without a session to the sign-in page", async () => {
    const { get } = await consoleClient(shadowWeek());
    const res = await get(`/admin/readiness/page?${ACME}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
  });
});
