import { describe, expect, it } from "vitest";
import { buildPrompt } from "../../src/agent/build-prompt.ts";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import { buildHandoff } from "../../src/handoff/build-handoff.ts";
import { renderZendeskNote } from "../../src/platforms/zendesk/render-zendesk-note.ts";
import { modelInputFixture, ticketContextFixture } from "../support/anthropic-mock/model-input.ts";
import { customerComment, ticketContext } from "./policy-fixtures.ts";

const CARD = "4111 1111 1111 1111";
const SECRETS = [CARD, "4111111111111111", "hunter2", "078-05-1120", "sk-ant-api03-AbCdEfGhIjKlMnOpQrSt"];

describe("sensitive input is masked wherever customer text enters the prompt", () => {
  it("current message, earlier turns, subject, requester name and recent ticket subjects", () => {
    const base = ticketContextFixture();
    if (base.requester.status !== "present") throw new Error("fixture has a requester");
    const context = ticketContextFixture({
      ticket: { ...base.ticket, subject: `Charge on ${CARD}` },
      requester: { status: "present", value: { ...base.requester.value, name: "Maria password: hunter2" } },
      recentTickets: {
        status: "present",
        value: [{ id: "77", subject: "SSN 078-05-1120 update", status: "open", createdAt: "2026-01-02T00:00:00Z" }],
      },
    });
    const prompt = buildPrompt(
      modelInputFixture({
        context,
        conversation: [
          { role: "customer", text: "My key is sk-ant-api03-AbCdEfGhIjKlMnOpQrSt", at: "2026-01-01T00:00:00Z" },
        ],
        message: `Refund the charge on ${CARD} please`,
      }),
      defaultSettings,
    );
    const text = JSON.stringify(prompt);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain("[card ending 1111]");
    expect(text).toContain("[secret removed]");
    expect(text).toContain("[national id removed]");
  });

  it("help center passages are company content and are not masked", () => {
    const passage = {
      id: "zd-article:1#1",
      title: "Passwords",
      url: "https://help.example.com/1",
      updatedAt: null,
      text: "Password: at least 12 characters.",
    };
    const text = JSON.stringify(buildPrompt(modelInputFixture({ passages: [passage] }), defaultSettings));
    expect(text).toContain("Password: at least 12 characters.");
  });
});

describe("the handoff note never prints a full card number or a pasted secret", () => {
  it("customer wants (message or the model's verbatim quote) and facts are masked", () => {
    const message = `Please refund my card ${CARD}, my password: hunter2 and SSN 078-05-1120`;
    const handoff = buildHandoff({
      context: ticketContext({}, message),
      customerComment: customerComment(message),
      reasons: ["needs_human_judgment"],
      ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}`,
      model: {
        summary: `Customer pasted ${CARD}`,
        customer_wants: `refund my card ${CARD}`,
        known_facts: [`Card ${CARD} was charged`],
        urgency: "normal",
        suggested_next_step: "Refund.",
      },
    });
    const html = renderZendeskNote(handoff);
    for (const secret of SECRETS) expect(html).not.toContain(secret);
    expect(handoff.customerWants).toContain("[card ending 1111]");
  });
});
