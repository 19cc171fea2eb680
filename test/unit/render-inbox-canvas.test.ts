import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { reasonText } from "../../src/handoff/reason-text.ts";
import type { CanvasComponent, CanvasResponse } from "../../src/http/inbox-app/canvas-kit.ts";
import { renderInboxCanvas, renderUnavailableCanvas } from "../../src/http/inbox-app/render-inbox-canvas.ts";
import { emptyTicketState, type TicketOutcomeRecord, type TicketState } from "../../src/domain/ticket-state.ts";

const components = (canvas: CanvasResponse): CanvasComponent[] => canvas.canvas.content.components;
const texts = (canvas: CanvasResponse): string[] =>
  components(canvas).flatMap((component) => (component.type === "text" ? [component.text] : []));
const buttonIds = (canvas: CanvasResponse): string[] =>
  components(canvas).flatMap((component) => (component.type === "button" ? [component.id] : []));
const allText = (canvas: CanvasResponse): string => texts(canvas).join("\n");

const record = (
  outcome: TicketOutcomeRecord["outcome"],
  reasons: string[],
  at = "2026-11-20T10:02:45.123Z",
): TicketOutcomeRecord => ({
  at,
  eventId: `evt-${outcome}`,
  outcome,
  reasons,
});

const handoff: Handoff = {
  reasons: [{ code: "legal", text: reasonText("legal") }],
  urgency: "high",
  customerWants: "I want a refund or I will call my lawyer.",
  customer: { name: "Ada", verified: true, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: ["Order 1042 was charged twice on 2026-11-18.", "The customer asked once before."],
  sourcesChecked: [],
  actionsAttempted: [],
  sentimentTrend: "negative",
  suggestedNextStep: "Pass this to the legal/compliance owner.",
  missing: ["companies"],
};

const state = (overrides: Partial<TicketState>): TicketState => ({ ...emptyTicketState(), ...overrides });

describe("renderInboxCanvas", () => {
  it("a conversation never handled: says so, offers Pause only", () => {
    const canvas = renderInboxCanvas(state({ history: [record("skip", ["own_comment"])] }));
    expect(texts(canvas)[0]).toBe("Deskmate");
    expect(allText(canvas)).toContain("Active.");
    expect(allText(canvas)).toContain("has not handled a customer message");
    expect(allText(canvas)).not.toContain("own comment");
    expect(buttonIds(canvas)).toEqual(["pause"]);
  });

  it("an answered conversation: the last decision (not a later skip), its time, no handoff", () => {
    const canvas = renderInboxCanvas(
      state({
        aiTurns: 1,
        history: [
          record("escalate", ["vip"], "2026-11-19T08:00:00Z"),
          record("answer", []),
          record("skip", ["already_handled"]),
        ],
      }),
    );
    const lines = texts(canvas);
    expect(lines).toContain("**Last decision:** answer the customer");
    expect(lines).toContain("2026-11-20 10:02 UTC");
    expect(allText(canvas)).not.toContain(reasonText("vip"));
    expect(allText(canvas)).not.toContain("Latest handoff");
    expect(buttonIds(canvas)).toEqual(["pause"]);
  });

  it("an escalation with a handoff: reasons in plain words and the handoff fields", () => {
    const canvas = renderInboxCanvas(
      state({ history: [record("escalate", ["legal", "some_new_code"])], lastHandoff: handoff }),
    );
    const lines = texts(canvas);
    expect(lines).toContain("**Last decision:** hand over to a teammate");
    expect(lines).toContain(`• ${reasonText("legal")}`);
    expect(lines).toContain("• some new code");
    expect(lines).toContain("**Urgency:** high");
    expect(lines).toContain("**Customer wants:** I want a refund or I will call my lawyer.");
    expect(lines).toContain("• Order 1042 was charged twice on 2026-11-18.");
    expect(lines).toContain("**Suggested next step:** Pass this to the legal/compliance owner.");
    expect(lines).toContain("Not checked: companies");
  });

  it("a human-owned conversation: says who owns it, offers Hand back only", () => {
    const canvas = renderInboxCanvas(
      state({ humanOwned: true, humanOwnedSince: "2026-11-21T09:30:00Z", history: [record("answer", [])] }),
    );
    expect(allText(canvas)).toContain("**A teammate owns this conversation** (since 2026-11-21 09:30 UTC)");
    expect(allText(canvas)).not.toContain("Active.");
    expect(buttonIds(canvas)).toEqual(["hand_back"]);
  });

  it("a paused conversation: says so, offers Resume; paused and human-owned offers both", () => {
    const paused = renderInboxCanvas(state({ paused: true }));
    expect(allText(paused)).toContain("**Paused here.**");
    expect(buttonIds(paused)).toEqual(["resume"]);
    expect(buttonIds(renderInboxCanvas(state({ paused: true, humanOwned: true })))).toEqual(["resume", "hand_back"]);
  });

  it("uses only documented component shapes: text styles, submit buttons with labels", () => {
    const canvas = renderInboxCanvas(
      state({ paused: true, humanOwned: true, history: [record("escalate", ["vip"])], lastHandoff: handoff }),
    );
    for (const component of components(canvas)) {
      if (component.type === "text") expect(["header", "paragraph", "muted", "error"]).toContain(component.style);
      if (component.type === "button") {
        expect(component.action).toEqual({ type: "submit" });
        expect(["primary", "secondary", "link"]).toContain(component.style);
        expect(component.label.length).toBeGreaterThan(0);
      }
    }
    expect(
      components(canvas).find((component) => component.type === "button" && component.id === "resume"),
    ).toMatchObject({
      label: "Resume Deskmate",
    });
  });

  it("neutralizes Markdown links and bold in customer and model text", () => {
    const hostile: Handoff = {
      ...handoff,
      customerWants: "Click [here](https://evil.example/login) **now**",
      facts: ["[verify](javascript:alert(1))"],
      suggestedNextStep: "**Refund** immediately",
    };
    const output = allText(
      renderInboxCanvas(state({ history: [record("escalate", ["legal"])], lastHandoff: hostile })),
    );
    expect(output).not.toMatch(/\]\(/);
    expect(output).not.toContain("**now**");
    expect(output).not.toContain("**Refund**");
    expect(output).toContain("evil.example");
  });

  it("caps long handoffs well below the 64 KB canvas limit", () => {
    const long: Handoff = {
      ...handoff,
      customerWants: "x".repeat(50_000),
      facts: Array.from({ length: 50 }, (_, i) => `fact ${i} ${"y".repeat(5_000)}`),
    };
    const canvas = renderInboxCanvas(state({ history: [record("escalate", ["legal"])], lastHandoff: long }));
    expect(JSON.stringify(canvas).length).toBeLessThan(16_000);
    expect(texts(canvas).filter((line) => line.startsWith("• fact"))).toHaveLength(8);
    expect(texts(canvas)).toContain("and 42 more in the handoff note");
  });

  it("the unavailable canvas says nothing changed and offers no button", () => {
    const canvas = renderUnavailableCanvas();
    expect(allText(canvas)).toContain("Nothing was changed");
    expect(buttonIds(canvas)).toEqual([]);
  });
});
