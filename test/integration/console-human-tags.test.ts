import { describe, expect, it } from "vitest";
import { consoleClient, pageMetrics } from "../support/console-client.ts";
import { decision, event, HOUR } from "../support/ledger-rows.ts";

const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

describe("console Readiness page: how often humans tagged", () => {
  it("shows the share and the most added tags with the numbers of GET /admin/readiness", async () => {
    const zd = (n: number) => ({ platform: "zendesk" as const, account: "acme", ticketId: String(n) });
    const shadow = (n: number) => decision({ ...zd(n), eventId: `d${n}`, mode: "shadow", category: "billing" });
    const tags = (n: number, added: string[]) =>
      event("tags_changed", HOUR, { ...zd(n), eventId: `t${n}`, detail: JSON.stringify({ added, removed: [] }) });
    const { get, request, signIn, h } = await consoleClient({
      decisions: [shadow(1), shadow(2), shadow(3)],
      events: [tags(1, ["refund_request"]), tags(2, ["refund_request", "vip"])],
    });
    const { cookie } = await signIn();
    const page = await (await get(`/admin/readiness/page?${ACME}`, cookie)).text();
    const api = await request(`/admin/readiness?${ACME}`, {
      headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
    });
    const [billing] = ((await api.json()) as { categories: Array<{ human_tagged: Record<string, unknown> }> })
      .categories;
    expect(billing?.human_tagged).toMatchObject({ count: 2, total: 3 });
    const shown = pageMetrics(page);
    expect(shown["categories.0.human_tagged.count"]).toBe("2");
    expect(shown["categories.0.human_tagged.total"]).toBe("3");
    expect(shown["categories.0.human_tagged.top_tags.0.count"]).toBe("2");
    expect(page).toContain('<span data-tag="refund_request">refund_request</span>');
  });
});
