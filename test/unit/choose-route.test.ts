import { describe, expect, it } from "vitest";
import { defaultSettings, settingsSchema, type Settings } from "../../src/config/settings-schema.ts";
import type { AgentProfile, SolvedTicket } from "../../src/domain/routing.ts";
import {
  chooseAssignee,
  chooseTargetGroup,
  type ContinuityFacts,
  routingLine,
  sinceWords,
} from "../../src/handoff/choose-route.ts";

const settings = (overrides: Partial<Settings> = {}): Settings => ({ ...defaultSettings, ...overrides });

const routed = settings({
  groupByCategory: { billing: "2002" },
  fallbackGroupId: "2001",
  groupByLocale: { es: "3001", pt: "3003", "pt-br": "3004", "billing:es": "3005" },
  vipGroupId: "3900",
});

describe("chooseTargetGroup: the precedence", () => {
  it.each<{
    rule: string;
    category: string | null;
    decided: string | undefined;
    locales: string[];
    vip: boolean;
    s: Settings;
    expected: { groupId: string; why: string } | null;
  }>([
    {
      rule: "a VIP goes to the senior group before language and category",
      ...{ category: "billing", decided: "2002", locales: ["es"], vip: true, s: routed },
      expected: { groupId: "3900", why: "VIP customer" },
    },
    {
      rule: "without a VIP group a VIP is routed like everyone else",
      ...{
        category: "billing",
        decided: "2002",
        locales: ["en"],
        vip: true,
        s: settings({ groupByCategory: { billing: "2002" } }),
      },
      expected: { groupId: "2002", why: "category billing" },
    },
    {
      rule: "the group serving this category in this language wins over the language alone",
      ...{ category: "billing", decided: "2002", locales: ["es"], vip: false, s: routed },
      expected: { groupId: "3005", why: "category billing, language es" },
    },
    {
      rule: "the language group wins over the category group",
      ...{ category: "login", decided: "2001", locales: ["es"], vip: false, s: routed },
      expected: { groupId: "3001", why: "language es" },
    },
    {
      rule: "a full locale wins over its language",
      ...{ category: "login", decided: "2001", locales: ["pt-br", "pt"], vip: false, s: routed },
      expected: { groupId: "3004", why: "language pt-br" },
    },
    {
      rule: "a locale without its own entry falls back to its language",
      ...{ category: "login", decided: "2001", locales: ["pt-pt", "pt"], vip: false, s: routed },
      expected: { groupId: "3003", why: "language pt" },
    },
    {
      rule: "an unmapped language keeps the category group",
      ...{ category: "billing", decided: "2002", locales: ["de"], vip: false, s: routed },
      expected: { groupId: "2002", why: "category billing" },
    },
    {
      rule: "an unmapped category and language keep the fallback group",
      ...{ category: "shipping", decided: "2001", locales: ["de"], vip: false, s: routed },
      expected: { groupId: "2001", why: "fallback group" },
    },
    {
      rule: "nothing configured: no group, the ticket stays where it is (today's behaviour)",
      ...{ category: "billing", decided: undefined, locales: ["es"], vip: true, s: settings() },
      expected: null,
    },
  ])("$rule", ({ category, decided, locales, vip, s, expected }) => {
    expect(chooseTargetGroup({ category, decidedGroupId: decided, locales, vip, settings: s })).toEqual(expected);
  });
});

describe("chooseAssignee: continuity", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  const target = { groupId: "2002", why: "category billing" };
  const ticket: SolvedTicket = { id: "4412", assigneeId: "901", solvedAt: "2026-11-29T09:00:00Z" };
  const dana: AgentProfile = { id: "901", name: "Dana", groupIds: ["2001", "2002"], away: false };
  const read = (agent: Partial<AgentProfile> = {}, openEscalations = 0): ContinuityFacts => ({
    kind: "read",
    ticket,
    agent: { ...dana, ...agent },
    openEscalations,
  });
  const choose = (facts: ContinuityFacts, s: Settings = settings()) =>
    chooseAssignee({ target, groupLabel: "Billing", facts, settings: s, now });

  it("assigns the agent who solved the last ticket when every condition holds", () => {
    const choice = choose(read({}, 4));
    expect(choice).toEqual({ assigneeId: "901", line: "assigned to Dana, who solved #4412 last week" });
    expect(routingLine(target, "Billing", choice)).toBe(
      "Routed to Billing — category billing; assigned to Dana, who solved #4412 last week",
    );
  });
  it.each<{ rule: string; facts: ContinuityFacts; s?: Settings; line: string }>([
    {
      rule: "not when the agent is outside the target group",
      facts: read({ groupIds: ["2001"] }),
      line: "no agent assigned: Dana (solved #4412) is not in Billing",
    },
    {
      rule: "not when the agent is away",
      facts: read({ away: true }),
      line: "no agent assigned: Dana (solved #4412) is away",
    },
    {
      rule: "not when an admin listed the agent as away",
      facts: read(),
      s: settings({ awayAgentIds: ["901"] }),
      line: "no agent assigned: Dana (solved #4412) is away",
    },
    {
      rule: "not at the open-escalation limit",
      facts: read({}, 5),
      line: "no agent assigned: Dana (solved #4412) holds 5 open escalations (limit 5)",
    },
    {
      rule: "not when there is no earlier solved ticket with an agent",
      facts: { kind: "no_previous" },
      line: "no agent assigned: no earlier solved ticket with an agent",
    },
    {
      rule: "not when the earlier tickets could not be read",
      facts: { kind: "previous_unreadable" },
      line: "no agent assigned: the customer's earlier tickets could not be checked",
    },
    {
      rule: "not when the agent could not be read",
      facts: { kind: "agent_unreadable", ticket },
      line: "no agent assigned: agent 901 (solved #4412) could not be checked",
    },
  ])("$rule", ({ facts, s, line }) => {
    expect(choose(facts, s)).toEqual({ line });
  });
  it("continuity off: the line names the group only", () => {
    const choice = choose({ kind: "off" });
    expect(choice).toEqual({});
    expect(routingLine(target, "Billing", choice)).toBe("Routed to Billing — category billing");
  });
  it("the limit is the setting's value", () => {
    expect(choose(read({}, 5), settings({ maxOpenEscalationsPerAgent: 6 })).assigneeId).toBe("901");
  });
});

describe("sinceWords", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  it.each([
    ["2026-12-07T08:00:00Z", "today"],
    ["2026-12-06T08:00:00Z", "yesterday"],
    ["2026-12-03T08:00:00Z", "4 days ago"],
    ["2026-11-28T08:00:00Z", "last week"],
    ["2026-11-10T08:00:00Z", "3 weeks ago"],
    ["2026-08-01T08:00:00Z", "4 months ago"],
  ])("%s → %s", (iso, words) => {
    expect(sinceWords(iso, now)).toBe(words);
  });
});

describe("routing settings", () => {
  it("parse locale maps, lower-cased, with category:locale keys", () => {
    const parsed = settingsSchema.parse({ groupByLocale: "es=3001, pt-BR=3004\nbilling:es=3005" });
    expect(parsed.groupByLocale).toEqual({ es: "3001", "pt-br": "3004", "billing:es": "3005" });
  });
  it("refuse a key that is not a locale, naming the fix", () => {
    const result = settingsSchema.safeParse({ groupByLocale: "spanish speakers=3001" });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("keys are locales such as es or pt-br");
  });
  it("default to today's routing with continuity on and five open escalations", () => {
    expect(defaultSettings).toMatchObject({
      groupByLocale: {},
      vipGroupId: null,
      routingContinuity: true,
      maxOpenEscalationsPerAgent: 5,
      awayAgentIds: [],
    });
  });
});
