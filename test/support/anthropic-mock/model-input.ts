import type { ModelInput } from "../../../src/ports/model.ts";
import type { TicketContext } from "../../../src/domain/ticket.ts";
import type { TriageResult } from "../../../src/domain/triage.ts";

/** Distinctive strings the prompt tests look for (or make sure are absent). */
export const FIXTURE = {
  requesterEmail: "maria@globex.example",
  internalNote: "Finance says: do not refund Globex before the audit closes.",
  message: "Hi, I was charged twice for my March invoice (INV-2041). Can I get a refund for the second charge?",
} as const;

export function triageFixture(overrides: Partial<TriageResult> = {}): TriageResult {
  return {
    reasons: [],
    hard: false,
    triggers: {
      human_agent: false,
      legal_regulatory: false,
      fraud_unauthorized: false,
      account_security: false,
      negative_sentiment: false,
      safety: false,
    },
    intentCategory: "refund",
    sentimentTrend: [0],
    sentimentSummary: "neutral",
    ...overrides,
  };
}

/** Ticket 101 of the Zendesk sandbox as the helpdesk adapter loads it, with an internal note added. */
export function ticketContextFixture(overrides: Partial<TicketContext> = {}): TicketContext {
  return {
    ticket: {
      id: "101",
      subject: "Refund for a double charge",
      status: "open",
      priority: null,
      tags: ["deskmate_draft"],
      groupId: null,
      assigneeId: null,
      requesterId: "1001",
      organizationId: "5001",
      channel: "web",
      createdAt: "2026-11-20T09:00:00Z",
      updatedAt: "2026-11-20T09:05:00Z",
    },
    comments: [
      {
        id: "1",
        authorId: "1001",
        authorRole: "end-user",
        isPublic: true,
        body: FIXTURE.message,
        createdAt: "2026-11-20T09:00:00Z",
      },
      {
        id: "2",
        authorId: "901",
        authorRole: "agent",
        isPublic: false,
        body: FIXTURE.internalNote,
        createdAt: "2026-11-20T09:04:00Z",
      },
    ],
    requester: {
      status: "present",
      value: {
        id: "1001",
        name: "Maria Lopez",
        email: FIXTURE.requesterEmail,
        verified: true,
        role: "end-user",
        tags: ["vip"],
        fields: { plan: "business", risk_score: "high" },
        createdAt: "2024-05-01T00:00:00Z",
      },
    },
    organization: {
      status: "present",
      value: { id: "5001", name: "Globex", tags: ["enterprise"], fields: { account_manager: "Jordan" } },
    },
    recentTickets: {
      status: "present",
      value: [{ id: "99", subject: "Export not working", status: "closed", createdAt: "2026-11-01T10:00:00Z" }],
    },
    missing: [],
    ...overrides,
  };
}

export function modelInputFixture(overrides: Partial<ModelInput> = {}): ModelInput {
  return {
    context: ticketContextFixture(),
    conversation: [{ role: "customer", text: FIXTURE.message, at: "2026-11-20T09:00:00Z" }],
    message: FIXTURE.message,
    passages: [
      {
        id: "zd-article:360001001",
        title: "Refund policy",
        url: "https://acme.zendesk.com/hc/en-us/articles/360001001-Refund-policy",
        updatedAt: "2026-11-10T08:00:00Z",
        text:
          "You can request a refund within 30 days of purchase. Opened hardware " +
          "returns carry a $25 restocking fee.",
      },
    ],
    triage: triageFixture(),
    purpose: "decide",
    ...overrides,
  };
}
