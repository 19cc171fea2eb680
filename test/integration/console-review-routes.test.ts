import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { metricMismatches } from "../browser/metric-mismatches.ts";
import { consoleClient, cookieOf, csrfOf, shownMetrics } from "../support/console-client.ts";
import { at, DAY, decision, HOUR } from "../support/ledger-rows.ts";

// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

const handoff: Handoff = {
  reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
  urgency: "normal",
  customerWants: "a person to call back about order [order]",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: ["order 1042 shipped on 1 March"],
  sourcesChecked: [{ title: "Shipping times", url: "https://help.example/shipping" }],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "Call back today.",
  missing: [],
};
const escalate = { outcome: "escalate" as const, reasons: ["human_requested"], publicReply: false, handoff };

/** Two escalations, an answer and an ask in the week; one escalation the week after; one in another account. */
function rows() {
  return {
    decisions: [
      decision({ eventId: "esc-2", ticketId: "2", decidedAt: at(2 * HOUR), category: "refund", ...escalate }),
      decision({ eventId: "ans-1", ticketId: "1", decidedAt: at(HOUR) }),
      decision({
        eventId: "esc-0",
        ticketId: "3",
        decidedAt: at(0),
        ...escalate,
        reasons: ["human_requested", "vip"],
        sources: [{ id: "kb-shipping", ageDays: 40 }],
      }),
      decision({ eventId: "ask-1", ticketId: "4", outcome: "ask", decidedAt: at(0) }),
      decision({ eventId: "esc-next-week", ticketId: "5", decidedAt: at(7 * DAY), ...escalate }),
      decision({ eventId: "esc-other", account: "globex", decidedAt: at(0), ...escalate }),
    ],
  };
}

const queued = (page: string) => [...page.matchAll(/data-event-id="([^"]+)"/g)].map((m) => m[1]);
/** The part of the queue page that shows one decision. */
const itemOf = (page: string, eventId: string) => {
  const start = page.lastIndexOf("<article", page.indexOf(`data-event-id="${eventId}"`));
  return start < 0 ? "" : page.slice(start, page.indexOf("</article>", start));
};
const shownValue = (page: string, path: string) =>
  shownMetrics(page).find((m) => m.path === path)?.raw ?? `(no ${path} on the page)`;

describe("GET /admin/escalations", () => {
  it("shows reasons by category, first reply, ratings and verdicts, every number equal to /admin/metrics", async () => {
    const { get, api, signIn } = await consoleClient(rows());
    const { cookie } = await signIn();
    const res = await get(`/admin/escalations?${ACME}`, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<h1>Escalations</h1>");
    // The nav keeps the page's filters, so the next page shows the same account and range.
    expect(page).toContain(
      `<a href="/admin/escalations?${ACME.replaceAll("&", "&amp;")}" aria-current="page">Escalations</a>`,
    );
    const shown = shownMetrics(page);
    expect(shown.length).toBeGreaterThan(20);
    const report = await (await api(`/admin/metrics?${ACME}`)).json();
    expect(metricMismatches(shown, report)).toEqual([]);
    // Billing escalated once (human request and VIP), refund once (human request).
    expect(shownValue(page, "escalations_by_category.billing.vip")).toBe("1");
    expect(shownValue(page, "escalations_by_category.refund.human_requested")).toBe("1");
    expect(shownValue(page, "escalation_reasons.human_requested")).toBe("2");
    expect(page).toContain("VIP customer.");
    expect(shownValue(page, "reviews.reviewed")).toBe("0");
    expect(shownValue(page, "reviews.agreement")).toBe("null");
    expect(shownValue(page, "handoff_ratings.missing_section.facts")).toBe("0");
  });

  it("sends a visitor without a session to the sign-in form", async () => {
    const { get } = await consoleClient(rows());
    const res = await get(`/admin/escalations?${ACME}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    expect((await get(`/admin/review?${ACME}`)).status).toBe(303);
  });

  it("names a bad filter next to its field", async () => {
    const { get, signIn } = await consoleClient(rows());
    const { cookie } = await signIn();
    const res = await get("/admin/escalations?platform=zendesk&account=acme&from=2026-13-01&to=2026-03-08", cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="filter-from-error">[^<]+</);
  });
});

describe("without a ledger", () => {
  it("says how to bind one on both pages (503)", async () => {
    const { get, signIn } = await consoleClient(rows(), {}, { ledger: false });
    const { cookie } = await signIn();
    for (const path of ["/admin/escalations", "/admin/review"]) {
      const res = await get(`${path}?${ACME}`, cookie);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("No outcome ledger is bound to this worker (D1 database LEDGER)");
    }
  });
});

describe("GET /admin/review", () => {
  it("lists the period's unreviewed escalations and answers oldest first, with reasons, sources and handoff", async () => {
    const { get, signIn } = await consoleClient(rows());
    const { cookie } = await signIn();
    const res = await get(`/admin/review?${ACME}`, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(queued(page)).toEqual(["esc-0", "ans-1", "esc-2"]);
    const item = itemOf(page, "esc-0");
    expect(item).toContain("<li>The customer asked for a person.</li>");
    expect(item).toContain("<li>VIP customer.</li>");
    expect(item).toContain("<code>kb-shipping</code>, 40 days old");
    expect(item).toContain("a person to call back about order [order]");
    expect(item).toContain("Call back today.");
    expect(item).toContain("Confidence: 90.0%");
    expect(item).toContain("at most 1,000 characters");
    for (const verdict of ["right_call", "should_have_answered", "should_have_asked", "handoff_incomplete"]) {
      expect(item).toContain(`name="verdict" value="${verdict}"`);
    }
  });
});

describe("GET /admin/review: what the customer wrote", () => {
  it("opens each card with the masked message, escaped, and says when a row kept none", async () => {
    const { get, signIn } = await consoleClient({
      decisions: [
        decision({ eventId: "new", ticketId: "7", ...escalate, messageExcerpt: "Call me <b>now</b> on [phone]" }),
        decision({ eventId: "old", ticketId: "8", decidedAt: at(HOUR), ...escalate, messageExcerpt: null }),
      ],
    });
    const page = await (await get(`/admin/review?${ACME}`, (await signIn()).cookie)).text();
    const fresh = itemOf(page, "new");
    expect(fresh).toContain(
      "<strong>Customer wrote:</strong> <q data-message-excerpt>Call me &lt;b&gt;now&lt;/b&gt; on [phone]</q>",
    );
    // First on the card: before the decision's reasons and the handoff.
    expect(fresh.indexOf("Customer wrote:")).toBeLessThan(fresh.indexOf("<h3>Why</h3>"));
    expect(itemOf(page, "old")).toContain("message not recorded (decided before excerpts were kept)");
  });
});

describe("POST /admin/review", () => {
  const fields = (csrf: string, overrides: Record<string, string> = {}) => ({
    csrf,
    event_id: "esc-0",
    platform: "zendesk",
    account: "acme",
    verdict: "should_have_answered",
    comment: "The shipping article covered it",
    ...overrides,
  });

  it("records the verdict: the decision leaves the queue and Escalations counts it", async () => {
    const { get, post, ledger, signIn } = await consoleClient(rows());
    const { cookie, csrf } = await signIn();
    const res = await post(`/admin/review?${ACME}`, fields(csrf), cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/review?${ACME}&recorded=1`);
    const stored = await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0");
    expect(stored).toMatchObject({ verdict: "should_have_answered", reviewer: "admin" });
    expect(stored?.comment).toBe("The shipping article covered it");
    const queue = await (await get(`/admin/review?${ACME}&recorded=1`, cookie)).text();
    expect(queued(queue)).toEqual(["ans-1", "esc-2"]);
    expect(queue).toContain('role="status"');
    const escalations = await (await get(`/admin/escalations?${ACME}`, cookie)).text();
    expect(shownValue(escalations, "reviews.reviewed")).toBe("1");
    expect(shownValue(escalations, "reviews.by_verdict.should_have_answered")).toBe("1");
    expect(shownValue(escalations, "reviews.agreement")).toBe("0");
  });

  it("refuses a form without the session's CSRF token (403) and records nothing", async () => {
    const { get, post, ledger, signIn } = await consoleClient(rows());
    const { cookie } = await signIn();
    const { csrf: otherSessions } = await signIn();
    for (const csrf of ["", otherSessions]) {
      const res = await post(`/admin/review?${ACME}`, fields(csrf), cookie);
      expect(res.status).toBe(403);
    }
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toBeNull();
    expect(queued(await (await get(`/admin/review?${ACME}`, cookie)).text())).toContain("esc-0");
  });

  it("takes no verdict from a session that has not signed in, even with its CSRF token", async () => {
    const { request, post, ledger } = await consoleClient(rows());
    const form = await request("/admin");
    const cookie = cookieOf(form);
    const res = await post(`/admin/review?${ACME}`, fields(csrfOf(await form.text())), cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toBeNull();
  });

  it("shows a bad verdict next to the buttons, keeps the comment and records nothing", async () => {
    const { post, ledger, signIn } = await consoleClient(rows());
    const { cookie, csrf } = await signIn();
    const res = await post(`/admin/review?${ACME}`, fields(csrf, { verdict: "great", comment: "Keep <me>" }), cookie);
    expect(res.status).toBe(400);
    const item = itemOf(await res.text(), "esc-0");
    expect(item).toMatch(/<p class="field-error" role="alert" id="review-0-verdict-error">required: one of right_call/);
    expect(item).toContain(">Keep &lt;me&gt;</textarea>");
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toBeNull();
  });

  it("shows a comment over the limit next to the comment, kept in the box", async () => {
    const { post, ledger, signIn } = await consoleClient(rows());
    const { cookie, csrf } = await signIn();
    const long = "x".repeat(1001);
    const res = await post(`/admin/review?${ACME}`, fields(csrf, { comment: long }), cookie);
    expect(res.status).toBe(400);
    const item = itemOf(await res.text(), "esc-0");
    expect(item).toMatch(/id="review-0-comment-error">optional: text of at most 1000 characters/);
    expect(item).toContain(`>${long}</textarea>`);
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toBeNull();
  });

  it("answers 404 with the reason for a decision the account does not hold", async () => {
    const { post, signIn } = await consoleClient(rows());
    const { cookie, csrf } = await signIn();
    const res = await post(`/admin/review?${ACME}`, fields(csrf, { event_id: "esc-other" }), cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("no decision with this id in this account");
  });
});
