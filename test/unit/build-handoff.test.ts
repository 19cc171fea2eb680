import { describe, expect, it } from "vitest";
import { buildHandoff, type HandoffInput } from "../../src/handoff/build-handoff.ts";
import { renderZendeskNote } from "../../src/platforms/zendesk/render-zendesk-note.ts";
import { customerComment, modelOutput, refundPassage, shippingPassage, ticketContext } from "./policy-fixtures.ts";

const MESSAGE = "How long do refunds take for order 4411? I need the money before Friday.";
const SECTIONS = [
  "Reason",
  "Urgency",
  "Customer wants",
  "Customer",
  "Recent tickets",
  "Facts gathered",
  "Sources checked",
  "Actions attempted",
  "Sentiment",
  "Suggested next step",
];

function input(overrides: Partial<HandoffInput> = {}): HandoffInput {
  return {
    context: ticketContext({}, MESSAGE),
    customerComment: customerComment(MESSAGE),
    reasons: ["needs_human_judgment"],
    ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}`,
    model: modelOutput().handoff,
    triage: { sentimentSummary: "negative in the last 2 messages" },
    passages: [refundPassage, shippingPassage, refundPassage],
    proposedAction: { name: "issue_refund", parameters: { order: "4411", amount: 25 } },
    ...overrides,
  };
}

/** Section titles in the order they appear in the note. */
function sectionOrder(html: string): string[] {
  return [...html.matchAll(/<strong>([^<]+):<\/strong>/g)].map((m) => m[1] ?? "");
}

describe("buildHandoff", () => {
  it("with the model: its summary leads the facts, its quote of the customer and its next step are used", () => {
    const handoff = buildHandoff(input());
    expect(handoff.reasons).toEqual([{ code: "needs_human_judgment", text: "This needs a person's judgment." }]);
    expect(handoff.facts[0]).toBe("Summary: Customer asks how long a refund for order 4411 takes.");
    expect(handoff.facts).toContain("Jacket returned last week");
    expect(handoff.customerWants).toBe("How long do refunds take");
    expect(handoff.sourcesChecked).toEqual([
      { title: "Refund policy", url: refundPassage.url },
      { title: "Shipping times", url: shippingPassage.url },
    ]);
    expect(handoff.actionsAttempted).toEqual([
      { action: "issue_refund (order: 4411, amount: 25)", result: "proposed by the assistant, not carried out" },
    ]);
    expect(handoff.sentimentTrend).toBe("negative in the last 2 messages");
    expect(handoff.suggestedNextStep).toBe("Confirm the return was received and give the refund date.");
    expect(handoff.urgency).toBe("normal");
  });

  it("a paraphrase is not passed off as the customer's words: their message is used instead", () => {
    const model = { ...modelOutput().handoff, customer_wants: "The customer wants a faster refund" };
    expect(buildHandoff(input({ model })).customerWants).toBe(MESSAGE);
  });

  it("with the model failed: every section still renders, from context, triage and retrieval", () => {
    const { proposedAction: _none, ...failed } = input({ model: null, reasons: ["model_error"] });
    const handoff = buildHandoff(failed);
    expect(handoff.customerWants).toBe(MESSAGE);
    expect(handoff.facts[0]).toBe('Ticket #101: "Refund for order 4411" (open, via web)');
    expect(handoff.suggestedNextStep).toBe(
      "Read the customer's message and reply; the assistant could not reach a decision.",
    );
    expect(handoff.urgency).toBe("normal");

    const html = renderZendeskNote(handoff);
    expect(sectionOrder(html)).toEqual(SECTIONS);
    expect(html).toContain("Dana Reyes");
    expect(html).toContain('<a href="https://acme.zendesk.com/agent/tickets/88">#88</a>');
    expect(html).toContain(`<a href="${refundPassage.url}">Refund policy</a>`);
    expect(html).toContain("negative in the last 2 messages");
    expect(html).toContain("<code>model_error</code>");
  });

  it("with the model ok: the same sections in the same order, actions included", () => {
    const html = renderZendeskNote(buildHandoff(input()));
    expect(sectionOrder(html)).toEqual(SECTIONS);
    expect(html).toContain("issue_refund (order: 4411, amount: 25): proposed by the assistant, not carried out");
  });

  it("a safety-critical reason sets the next step and the urgency floor, whatever the model said", () => {
    const handoff = buildHandoff(input({ reasons: ["fraud"] }));
    expect(handoff.suggestedNextStep).toBe(
      "Verify the charges with the customer and open a dispute; do not ask for full card numbers.",
    );
    expect(handoff.urgency).toBe("high");
  });

  it("nothing retrieved, no triage, context missing: the note says so instead of dropping sections", () => {
    const context = ticketContext(
      {
        requester: { status: "missing", reason: "error" },
        organization: { status: "missing", reason: "not_set" },
        recentTickets: { status: "missing", reason: "error" },
        missing: ["requester", "recentTickets"],
      },
      MESSAGE,
    );
    const { proposedAction: _none, ...bare } = input({
      context,
      model: null,
      triage: null,
      passages: [],
      reasons: ["model_error"],
    });
    const handoff = buildHandoff(bare);
    const html = renderZendeskNote(handoff);
    expect(sectionOrder(html)).toEqual([...SECTIONS, "Not checked"]);
    expect(html).toContain("<strong>Sources checked:</strong> none");
    expect(html).toContain("<strong>Sentiment:</strong> not assessed");
    expect(html).toContain("could not load: requester, recentTickets");
  });
});
