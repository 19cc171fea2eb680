import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { renderIntercomNote } from "../../src/platforms/intercom/render-intercom-note.ts";

const SECTIONS = [
  "Reason",
  "Urgency",
  "Customer wants",
  "Customer",
  "Recent conversations",
  "Facts gathered",
  "Sources checked",
  "Actions attempted",
  "Sentiment",
  "Suggested next step",
];

function handoff(overrides: Partial<Handoff> = {}): Handoff {
  return {
    reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
    urgency: "high",
    customerWants: "I want a <b>human</b> & my refund\nnow",
    customer: {
      name: "Maria <script>alert(1)</script>",
      verified: true,
      organization: "Globex & Sons",
      tags: ["vip"],
      customerSince: "2023-04-01T00:00:00Z",
      recentTickets: [
        {
          id: "103",
          subject: "Invoice <address>",
          status: "open",
          url: "https://app.intercom.com/a/inbox/acme/inbox/conversation/103",
        },
      ],
    },
    facts: ["Charged twice for INV-2041", 'Said "<img src=x>"'],
    sourcesChecked: [
      { title: "Refund policy", url: "https://intercom.help/acme/en/articles/1-refund-policy" },
      { title: "Evil", url: 'javascript:alert("x")' },
    ],
    actionsAttempted: [{ action: "lookup_invoice", result: "found <2> charges" }],
    sentimentTrend: "negative in the last 2 messages",
    suggestedNextStep: "Refund the duplicate charge.",
    missing: [],
    ...overrides,
  };
}

/** Section titles in the order they appear. */
const sectionOrder = (html: string) => [...html.matchAll(/<b>([^<]+):<\/b>/g)].map((m) => m[1]);

describe("renderIntercomNote", () => {
  it("has every section in the Zendesk note's order, in Intercom note markup", () => {
    const html = renderIntercomNote(handoff());
    expect(html.startsWith("<p><b>Deskmate handoff</b></p>")).toBe(true);
    expect(sectionOrder(html)).toEqual(SECTIONS);
    expect(html).not.toMatch(/<(blockquote|strong|code|div|h\d)\b/);
    // Only the tags Intercom notes keep.
    expect(new Set([...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]))).toEqual(
      new Set(["p", "b", "a", "br", "ul", "li"]),
    );
  });

  it("escapes every customer-controlled value and links only http(s) URLs", () => {
    const html = renderIntercomNote(handoff());
    expect(html).toContain("<p>“I want a &lt;b&gt;human&lt;/b&gt; &amp; my refund<br>now”</p>");
    expect(html).toContain(
      "Maria &lt;script&gt;alert(1)&lt;/script&gt; · verified · company: " +
        "Globex &amp; Sons · customer since 2023-04-01 · tags: vip",
    );
    expect(html).toContain(
      "<li><a " +
        'href="https://app.intercom.com/a/inbox/acme/inbox/conversation/103">#103</a> ' +
        "Invoice &lt;address&gt; (open)</li>",
    );
    expect(html).toContain("<li>Said &quot;&lt;img src=x&gt;&quot;</li>");
    expect(html).toContain(
      '<li><a href="https://intercom.help/acme/en/articles/1-refund-policy">Refund policy</a></li>',
    );
    expect(html).toContain("<li>Evil — javascript:alert(&quot;x&quot;)</li>");
    expect(html).toContain("<li>lookup_invoice: found &lt;2&gt; charges</li>");
    expect(html).not.toMatch(/<script|<img|href="javascript/);
  });

  it("says so when a section is empty and lists what could not be checked", () => {
    const html = renderIntercomNote(
      handoff({
        facts: [],
        sourcesChecked: [],
        actionsAttempted: [],
        sentimentTrend: null,
        missing: ["organization", "recent_tickets"],
        customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
      }),
    );
    expect(html).toContain("<p><b>Facts gathered:</b> none</p>");
    expect(html).toContain("<p><b>Recent conversations:</b> none in the last 30 days</p>");
    expect(html).toContain("<p><b>Customer:</b> unknown name · no company</p>");
    expect(html).toContain("<p><b>Sentiment:</b> not assessed</p>");
    expect(html).toContain("<p><b>Not checked:</b> could not load: organization, recent_tickets</p>");
  });
});
