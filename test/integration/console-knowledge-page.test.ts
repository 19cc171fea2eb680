import { describe, expect, it } from "vitest";
import { decision } from "../support/ledger-rows.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

function knowledgeWeek() {
  return {
    decisions: [
      // kb-refunds cited by three answers, last at 12 days old; kb-shipping once.
      decision({ ...zd("1"), sources: [{ id: "kb-refunds", ageDays: 10 }] }),
      decision({
        ...zd("2"),
        decidedAt: new Date(Date.parse("2026-03-03T10:00:00Z")).toISOString(),
        sources: [
          { id: "kb-refunds", ageDays: 11 },
          { id: "kb-shipping", ageDays: 3 },
        ],
      }),
      decision({
        ...zd("3"),
        decidedAt: new Date(Date.parse("2026-03-04T10:00:00Z")).toISOString(),
        sources: [{ id: "kb-refunds", ageDays: 12 }],
      }),
      // An escalation's sources are not citations.
      decision({
        ...zd("4"),
        outcome: "escalate",
        reasons: ["stale_knowledge"],
        category: "billing",
        sources: [{ id: "kb-pricing", ageDays: 400 }],
      }),
      // Stale, kept as a draft question, sources not recorded.
      decision({ ...zd("5"), outcome: "ask", reasons: ["stale_knowledge"], sources: [] }),
      // Gaps: retrieval found nothing (shipping twice, billing once).
      decision({
        ...zd("6"),
        outcome: "ask",
        reasons: ["knowledge_gap"],
        category: "shipping",
        sources: [],
        messageExcerpt: "Do you ship to Greenland?",
      }),
      decision({
        ...zd("7"),
        decidedAt: "2026-03-05T10:00:00.000Z",
        outcome: "escalate",
        reasons: ["no_grounding"],
        category: "shipping",
        sources: [],
        messageExcerpt: "Can <i>parcel</i> [number] go by sea?",
      }),
      // Decided before excerpts were kept: counted, no example.
      decision({ ...zd("8"), outcome: "ask", reasons: ["knowledge_gap"], category: "billing", sources: [] }),
      // Outside the range or another account: not counted.
      decision({ ...zd("9"), decidedAt: "2026-03-09T00:00:00.000Z", sources: [{ id: "kb-refunds", ageDays: 1 }] }),
      decision({ ...zd("1"), account: "globex", sources: [{ id: "kb-refunds", ageDays: 1 }] }),
    ],
  };
}

describe("console Knowledge page", () => {
  it("shows gaps per category as /admin/metrics counts them, stale blocks by source and the sources cited most", async () => {
    const { get, request, signIn, h } = await consoleClient(knowledgeWeek());
    const res = await get(`/admin/knowledge?${ACME}`, (await signIn()).cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<h1>Knowledge</h1>");
    // The nav keeps the page's filters, so the next page shows the same account and range.
    expect(page).toContain(
      `<a href="/admin/knowledge?${ACME.replaceAll("&", "&amp;")}" aria-current="page">Knowledge</a>`,
    );

    const api = await request(`/admin/metrics?${ACME}`, {
      headers: { authorization: `Bearer ${h.env.DESKMATE_ADMIN_TOKEN}` },
    });
    const metrics = (await api.json()) as {
      knowledge_gaps: Array<{ category: string; count: number }>;
      escalation_reasons: Record<string, number>;
    };
    expect(metrics.knowledge_gaps).toEqual([
      { category: "shipping", count: 2 },
      { category: "billing", count: 1 },
    ]);
    for (const gap of metrics.knowledge_gaps) {
      expect(page).toContain(`data-gap-category="${gap.category}" data-value="${gap.count}"`);
    }
    expect(pageMetrics(page)["escalation_reasons.stale_knowledge"]).toBe(
      String(metrics.escalation_reasons.stale_knowledge),
    );

    // Two decisions blocked by stale knowledge: one on kb-pricing (400 days), one without sources.
    expect(page).toContain('data-stale-decisions data-value="2"');
    expect(page).toMatch(/<code>kb-pricing<\/code><\/th>\s*<td class="num">1<\/td><td class="num">400 days</);
    expect(page).toMatch(/<em>source not recorded<\/em><\/th>\s*<td class="num">1</);

    // Cited: kb-refunds by 3 answers (12 days old when last cited), kb-shipping by 1; kb-pricing never.
    expect(page).toContain('data-cited="kb-refunds" data-value="3"');
    expect(page).toMatch(/data-cited="kb-refunds"[^\n]*\n<td class="num">12 days<\/td><td>2026-03-04 10:00</);
    expect(page).toContain('data-cited="kb-shipping" data-value="1"');
    expect(page).not.toContain('data-cited="kb-pricing"');
    expect(page.indexOf('data-cited="kb-refunds"')).toBeLessThan(page.indexOf('data-cited="kb-shipping"'));
    // Example questions per gap, newest first, escaped; billing's only gap kept no excerpt.
    const shipping = /<ul class="examples" data-gap-examples="shipping">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? "";
    expect([...shipping.matchAll(/<q data-example>(.*?)<\/q>/g)].map((m) => m[1])).toEqual([
      "Can &lt;i&gt;parcel&lt;/i&gt; [number] go by sea?",
      "Do you ship to Greenland?",
    ]);
    expect(shipping).toContain("ticket 7, 2026-03-05");
    expect(page).not.toContain('data-gap-examples="billing"');
    expect(page).toMatch(/data-gap-category="billing"[\s\S]*?<em>none recorded<\/em>/);
  });

  it("says so when the period has no gaps and no citations", async () => {
    const { get, signIn } = await consoleClient({ decisions: [decision({ ...zd("1"), sources: [] })] });
    const page = await (await get(`/admin/knowledge?${ACME}`, (await signIn()).cookie)).text();
    expect(page).toContain("No knowledge gaps in this period.");
    expect(page).toContain("No answer cited a source in this period.");
    expect(page).toContain('data-stale-decisions data-value="0"');
  });

  it("sends a browser without a session to the sign-in page", async () => {
    const { get } = await consoleClient(knowledgeWeek());
    const res = await get(`/admin/knowledge?${ACME}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
  });
});
