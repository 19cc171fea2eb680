import type { ModelOutput } from "../../src/ports/model-output.ts";
import { defaultSettings, type Settings } from "../../src/config/settings-schema.ts";
import type { Comment, TicketContext } from "../../src/domain/ticket.ts";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import type { Passage } from "../../src/ports/knowledge.ts";

/** Builders for the decision-engine unit tests (policy and handoff). */

export const REQUESTER_ID = "1001";

export function customerComment(body: string, id = "c2"): Comment {
  return {
    id,
    authorId: REQUESTER_ID,
    authorRole: "end-user",
    isPublic: true,
    body,
    createdAt: "2026-11-20T10:00:00Z",
  };
}

export function ticketContext(
  overrides: Partial<TicketContext> = {},
  message = "How long do refunds take for order 4411?",
): TicketContext {
  return {
    ticket: {
      id: "101",
      subject: "Refund for order 4411",
      status: "open",
      priority: null,
      tags: [],
      groupId: null,
      assigneeId: null,
      requesterId: REQUESTER_ID,
      organizationId: "5001",
      channel: "web",
      createdAt: "2026-11-20T09:00:00Z",
      updatedAt: "2026-11-20T10:00:00Z",
    },
    comments: [
      customerComment("Hi, I returned my jacket last week.", "c1"),
      // An internal note: never customer data, never grounding.
      {
        id: "n1",
        authorId: "9001",
        authorRole: "agent",
        isPublic: false,
        body: "Goodwill credit of $40 approved, ref 555-867-5309",
        createdAt: "2026-11-20T09:30:00Z",
      },
      customerComment(message),
    ],
    requester: {
      status: "present",
      value: {
        id: REQUESTER_ID,
        name: "Dana Reyes",
        email: "dana@example.org",
        verified: true,
        role: "end-user",
        tags: ["gold"],
        fields: { phone: "+1 415 555 0134", plan: "Plus" },
        createdAt: "2023-04-01T00:00:00Z",
      },
    },
    organization: { status: "present", value: { id: "5001", name: "Acme Ltd", tags: ["enterprise"], fields: {} } },
    recentTickets: {
      status: "present",
      value: [{ id: "88", subject: "Login trouble", status: "solved", createdAt: "2026-11-10T00:00:00Z" }],
    },
    missing: [],
    ...overrides,
  };
}

export const refundPassage: Passage = {
  id: "zd-article:360001",
  title: "Refund policy",
  url: "https://help.example.com/hc/en-us/articles/360001-Refund-policy",
  updatedAt: "2026-10-01T00:00:00Z",
  text:
    "Refunds are issued to the original payment method within a 30-day " +
    "window. A restocking fee of 25.00 USD applies. Returns received after " +
    "2026-12-01 are not eligible. Call our billing desk at +1 800 555 0100.",
};

export const shippingPassage: Passage = {
  id: "zd-article:360002",
  title: "Shipping times",
  url: "https://help.example.com/hc/en-us/articles/360002-Shipping",
  updatedAt: null,
  text: "Standard shipping takes 3-5 business days.",
};

export function modelOutput(overrides: Partial<ModelOutput> = {}): ModelOutput {
  return {
    intent_category: "refund",
    classification_confidence: 0.95,
    outcome: "answer",
    answer_confidence: 0.9,
    reply: "Refunds go back to your original payment method within 30 days.",
    cited_source_ids: [refundPassage.id],
    action: null,
    handoff: {
      summary: "Customer asks how long a refund for order 4411 takes.",
      customer_wants: "How long do refunds take",
      known_facts: ["Jacket returned last week"],
      urgency: "normal",
      suggested_next_step: "Confirm the return was received and give the refund date.",
    },
    ...overrides,
  };
}

export function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings, ...overrides };
}

/** The engine's input for one customer message on ticket 101 (Zendesk account acme), as the pipeline builds it. */
export function decisionInput(message: string, settings: Settings, occurredAt = "2026-11-23T12:00:00Z"): DecisionInput {
  return {
    event: {
      ...{ platform: "zendesk", accountId: "acme", deliveryId: "d1", eventId: "e1" },
      ...{ kind: "comment_added", ticketId: "101", occurredAt, source: "trigger" },
    },
    context: ticketContext({}, message),
    customerComment: customerComment(message),
    state: emptyTicketState(),
    settings,
    assistant: { id: "9999", name: "Deskmate" },
    ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}`,
  };
}
