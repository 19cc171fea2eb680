import { describe, expect, it } from "vitest";
import { buildHandoff } from "../../src/handoff/build-handoff.ts";
import { fixedMessage } from "../../src/handoff/fixed-messages.ts";
import { renderIntercomNote } from "../../src/platforms/intercom/render-intercom-note.ts";
import { renderZendeskNote } from "../../src/platforms/zendesk/render-zendesk-note.ts";
import { customerComment, ticketContext } from "./policy-fixtures.ts";

const MESSAGE = "My invoice shows the wrong amount, screenshot attached.";

function handoff() {
  return {
    ...buildHandoff({
      context: ticketContext({}, MESSAGE),
      customerComment: customerComment(MESSAGE),
      reasons: ["needs_human_judgment"],
      ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}`,
    }),
    routing: "Routed to Billing EN — category billing, language en",
    timing: ["Told the customer 20–40 minutes (from 14 past handoffs)"],
    attachments: [
      { name: "invoice.png", contentType: "image/png", bytes: 48_000, status: "read" as const },
      { name: "contract.pdf", contentType: "application/pdf", bytes: 2_500_000, status: "listed" as const },
      {
        name: "<huge>.png",
        contentType: "image/png",
        bytes: 9_000_000,
        status: "refused" as const,
        detail: "over 5 MB",
      },
    ],
  };
}

describe("handoff note: routing, timing and attachments", () => {
  it.each([
    ["Zendesk", renderZendeskNote],
    ["Intercom", renderIntercomNote],
  ])("%s: each appears as its own section, escaped, after the fixed sections", (_name, render) => {
    const html = render(handoff());
    expect(html).toContain("Routing:");
    expect(html).toContain("Routed to Billing EN — category billing, language en");
    expect(html).toContain("<li>Told the customer 20-40 minutes (from 14 past handoffs)</li>"); // notes normalize dashes
    expect(html).toContain("invoice.png (image/png, 47 KB): read by the assistant as an image");
    expect(html).toContain("contract.pdf (application/pdf, 2.4 MB): listed, not opened");
    expect(html).toContain("&lt;huge&gt;.png (image/png, 8.6 MB): refused (over 5 MB)");
    expect(html.indexOf("Suggested next step")).toBeLessThan(html.indexOf("Routing:"));
  });

  it("a handoff without them renders no empty sections", () => {
    const { routing: _r, timing: _t, attachments: _a, ...plain } = handoff();
    for (const html of [renderZendeskNote(plain), renderIntercomNote(plain)]) {
      expect(html).not.toMatch(/Routing:|Timing:|Attachments:/);
    }
  });
});

describe("fixedMessage", () => {
  it("states a wait as a range and the next opening in the customer's time zone", () => {
    expect(fixedMessage("escalation_wait", "en", { wait: { minMinutes: 20, maxMinutes: 45 } })).toContain(
      "usually take 20–45 minutes",
    );
    expect(fixedMessage("escalation_wait", "en", { wait: { minMinutes: 90, maxMinutes: 240 } })).toContain(
      "usually take 1–4 hours",
    );
    const offHours = fixedMessage("off_hours", "en", {
      opening: { at: "2026-12-07T08:00:00Z", timeZone: "Europe/Paris" },
    });
    expect(offHours).toContain("back Monday 9:00 AM (Europe/Paris)");
  });
});
