import { describe, expect, it } from "vitest";
import { formatCount, formatMinutes, formatShare, formatUsd } from "../../src/http/console/format-number.ts";
import { overviewFilters } from "../../src/http/console/overview-filters.ts";

describe("numbers for people", () => {
  it("formats counts, shares, dollars and minutes, with a dash for none", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(null)).toBe("—");
    expect(formatShare(1, 3)).toBe("33.3%");
    expect(formatShare(0, 0)).toBe("—");
    expect(formatUsd(12.5)).toBe("$12.50");
    expect(formatUsd(0.0123)).toBe("$0.0123");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0.00001)).toBe("< $0.0001");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(null)).toBe("—");
    expect(formatMinutes(42.4)).toBe("42 min");
    expect(formatMinutes(135)).toBe("2 h 15 min");
    expect(formatMinutes(null)).toBe("—");
  });
});

describe("overviewFilters", () => {
  const now = new Date("2026-03-08T15:00:00Z");
  const accounts = [
    { platform: "intercom" as const, account: "ws1" },
    { platform: "zendesk" as const, account: "acme" },
  ];

  it("defaults to the ledger's first account and the last 7 UTC days, today included", () => {
    const f = overviewFilters(() => undefined, accounts, now);
    expect(f.values).toEqual({ platform: "intercom", account: "ws1", from: "2026-03-02", to: "2026-03-08", as_of: "" });
    expect(f.query).toEqual({
      platform: "intercom",
      account: "ws1",
      from: "2026-03-02T00:00:00.000Z",
      to: "2026-03-09T00:00:00.000Z",
    });
    const zendesk = overviewFilters((n) => (n === "platform" ? "zendesk" : undefined), accounts, now);
    expect(zendesk.values.account).toBe("acme");
  });

  it("names every bad field", () => {
    const asked: Record<string, string> = { platform: "jira", account: "a b", from: "2026-02-30", to: "2026-03-01" };
    const f = overviewFilters((n) => asked[n], accounts, now);
    expect(f.query).toBeNull();
    expect(f.problems.map((p) => p.name)).toEqual(["platform", "account", "from"]);
  });
});
