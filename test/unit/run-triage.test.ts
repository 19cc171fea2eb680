import { describe, expect, it } from "vitest";
import { defaultSettings, type Settings } from "../../src/config/settings-schema.ts";
import type { Organization, Piece, Requester, TicketContext, TicketSummary } from "../../src/domain/ticket.ts";
import { runTriage, type TriageInput } from "../../src/triage/run-triage.ts";
import type { TriageReason } from "../../src/domain/triage.ts";

const NOW = new Date("2026-11-23T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function requester(overrides: Partial<Requester> = {}): Piece<Requester> {
  return {
    status: "present",
    value: {
      id: "9",
      name: "Ana",
      email: null,
      verified: true,
      role: "end-user",
      tags: [],
      fields: {},
      createdAt: null,
      ...overrides,
    },
  };
}

function organization(overrides: Partial<Organization> = {}): Piece<Organization> {
  return { status: "present", value: { id: "5", name: "Acme", tags: [], fields: {}, ...overrides } };
}

function recent(createdDaysAgo: number[]): Piece<TicketSummary[]> {
  return {
    status: "present",
    value: createdDaysAgo.map((days, i) => ({
      id: String(100 + i),
      subject: "s",
      status: "open",
      createdAt: daysAgo(days),
    })),
  };
}

function context(overrides: Partial<TicketContext> = {}): TicketContext {
  return {
    ticket: {
      id: "1",
      subject: "Help",
      status: "open",
      priority: null,
      tags: [],
      groupId: null,
      assigneeId: null,
      requesterId: "9",
      organizationId: "5",
      channel: "web",
      createdAt: daysAgo(0),
      updatedAt: daysAgo(0),
    },
    comments: [],
    requester: requester(),
    organization: organization(),
    recentTickets: recent([]),
    missing: [],
    ...overrides,
  };
}

function input(
  message: string,
  overrides: Partial<Omit<TriageInput, "settings">> & { settings?: Partial<Settings> } = {},
): TriageInput {
  const { settings, ...rest } = overrides;
  return {
    message,
    customerMessages: [message],
    assistantReplies: 0,
    context: context(),
    now: NOW,
    ...rest,
    settings: { ...defaultSettings, ...settings },
  };
}

const NEUTRAL = "How do I update the billing address on my invoices?";

const rows: Array<{ signal: string; input: TriageInput; reasons: TriageReason[] }> = [
  { signal: "nothing fires on a plain question", input: input(NEUTRAL), reasons: [] },
  {
    signal: "stale_ticket: handled for more than max_open_hours",
    input: input(NEUTRAL, { handlingSince: new Date(NOW.getTime() - 25 * 3_600_000).toISOString() }),
    reasons: ["stale_ticket"],
  },
  {
    signal: "stale_ticket: exactly max_open_hours is not yet stale",
    input: input(NEUTRAL, { handlingSince: new Date(NOW.getTime() - 24 * 3_600_000).toISOString() }),
    reasons: [],
  },
  {
    signal: "stale_ticket switched off with max_open_hours 0",
    input: input(NEUTRAL, { handlingSince: daysAgo(30), settings: { maxOpenHours: 0 } }),
    reasons: [],
  },
  { signal: "human_requested", input: input("Let me talk to a real person"), reasons: ["human_requested"] },
  {
    signal: "human_requested cannot be switched off",
    input: input("Let me talk to a real person", {
      settings: { legalTrigger: false, fraudTrigger: false, securityTrigger: false, safetyTrigger: false },
    }),
    reasons: ["human_requested"],
  },
  { signal: "legal", input: input("My lawyer will contact you"), reasons: ["legal"] },
  {
    signal: "legal switched off",
    input: input("My lawyer will contact you", { settings: { legalTrigger: false } }),
    reasons: [],
  },
  { signal: "fraud", input: input("There is a charge I did not make"), reasons: ["fraud"] },
  {
    signal: "fraud switched off",
    input: input("There is a charge I did not make", { settings: { fraudTrigger: false } }),
    reasons: [],
  },
  { signal: "security", input: input("My account was hacked"), reasons: ["security"] },
  {
    signal: "security switched off",
    input: input("My account was hacked", { settings: { securityTrigger: false } }),
    reasons: [],
  },
  { signal: "safety", input: input("I want to kill myself"), reasons: ["safety"] },
  {
    signal: "safety switched off",
    input: input("I want to kill myself", { settings: { safetyTrigger: false } }),
    reasons: [],
  },
  {
    signal: "negative_streak: two negative messages in a row",
    input: input("Still nothing, this is ridiculous", {
      customerMessages: ["Where is my damn parcel?", "Still nothing, this is ridiculous"],
    }),
    reasons: ["negative_streak"],
  },
  {
    signal: "no negative_streak when an earlier message breaks the run",
    input: input("Still nothing, this is ridiculous", {
      customerMessages: ["Where is my damn parcel?", "Any news?", "Still nothing, this is ridiculous"],
    }),
    reasons: [],
  },
  {
    signal: "negative_streak length follows settings",
    input: input("Still nothing, this is ridiculous", {
      customerMessages: ["Where is my damn parcel?", "Still nothing, this is ridiculous"],
      settings: { negativeStreak: 3 },
    }),
    reasons: [],
  },
  {
    signal: "loop: the same question a third time",
    input: input("where is my parcel?", {
      customerMessages: ["Where is my parcel", "Hello?? where's my parcel", "where is my parcel?"],
    }),
    reasons: ["loop"],
  },
  {
    signal: "no loop for different questions with the same words around them",
    input: input("where is my refund?", {
      customerMessages: ["where is my order?", "where is my invoice?", "where is my refund?"],
    }),
    reasons: [],
  },
  { signal: "turn_cap", input: input(NEUTRAL, { assistantReplies: 4 }), reasons: ["turn_cap"] },
  { signal: "below turn_cap", input: input(NEUTRAL, { assistantReplies: 3 }), reasons: [] },
  {
    signal: "repeat_contact: two earlier tickets this week plus this one",
    input: input(NEUTRAL, { context: context({ recentTickets: recent([1, 6]) }) }),
    reasons: ["repeat_contact"],
  },
  {
    signal: "repeat_contact ignores tickets older than the window",
    input: input(NEUTRAL, { context: context({ recentTickets: recent([1, 8]) }) }),
    reasons: [],
  },
  {
    signal: "repeat_contact does not fire when recent tickets are missing",
    input: input(NEUTRAL, {
      context: context({ recentTickets: { status: "missing", reason: "error" } }),
      settings: { repeatContactCount: 2 },
    }),
    reasons: [],
  },
  {
    signal: "vip by requester tag",
    input: input(NEUTRAL, {
      context: context({ requester: requester({ tags: ["Gold"] }) }),
      settings: { vipTags: ["gold"] },
    }),
    reasons: ["vip"],
  },
  {
    signal: "vip by organization value field",
    input: input(NEUTRAL, {
      context: context({ organization: organization({ fields: { lifetime_value: "25000" } }) }),
      settings: { vipValueField: "lifetime_value", vipMinValue: 10000 },
    }),
    reasons: ["vip"],
  },
  {
    signal: "no vip below the value threshold",
    input: input(NEUTRAL, {
      context: context({ requester: requester({ fields: { lifetime_value: 500 } }) }),
      settings: { vipValueField: "lifetime_value", vipMinValue: 10000 },
    }),
    reasons: [],
  },
  {
    signal: "billing_dispute_over",
    input: input("You charged me $1,250.00 twice, I want it refunded"),
    reasons: ["billing_dispute_over"],
  },
  { signal: "dispute under the threshold", input: input("You charged me €60 twice, please refund"), reasons: [] },
  {
    signal: "a price that is not a dispute",
    input: input("Does the 900 EUR plan include phone support?"),
    reasons: [],
  },
];

describe("runTriage", () => {
  it.each(rows)("$signal", ({ input: given, reasons }) => {
    expect(runTriage(given).reasons).toEqual(reasons);
  });

  it("lists hard reasons first and marks the result hard", () => {
    const result = runTriage(
      input("I want to speak to a manager about this charge I did not make", { assistantReplies: 9 }),
    );
    expect(result.reasons).toEqual(["human_requested", "fraud", "turn_cap"]);
    expect(result.hard).toBe(true);
  });

  it("reports the disputed amount and the category", () => {
    const result = runTriage(input("I was charged 1 250,50 € for an order I cancelled, I need a refund"));
    expect(result.disputedAmount).toBe(1250.5);
    expect(result.hard).toBe(false);
    expect(result.intentCategory).toBe("refund");
  });

  it("gives a sentiment trend per customer message and a summary for the handoff", () => {
    const result = runTriage(
      input("This is the worst service, where is my damn money", {
        customerMessages: [
          "Hi, my refund has not arrived",
          "Thanks, I'll wait",
          "This is the worst service, where is my damn money",
        ],
      }),
    );
    expect(result.sentimentTrend).toHaveLength(3);
    expect(result.sentimentTrend[2]).toBeLessThan(0);
    expect(result.sentimentSummary).toBe("negative in the last message");
  });

  it("counts the current message even when the caller left it out of customerMessages", () => {
    const result = runTriage(
      input("where is my parcel?", { customerMessages: ["where is my parcel", "where is my parcel??"] }),
    );
    expect(result.reasons).toContain("loop");
    expect(result.sentimentTrend).toHaveLength(3);
  });
});
