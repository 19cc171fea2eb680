import { describe, expect, it } from "vitest";
import { formatInterval } from "../../src/http/console/csat-page.ts";
import { formatAgeDays } from "../../src/http/console/knowledge-page.ts";

describe("report page numbers for people", () => {
  it("reads a source's age in whole days", () => {
    expect(formatAgeDays(0)).toBe("today");
    expect(formatAgeDays(0.9)).toBe("today");
    expect(formatAgeDays(1)).toBe("1 day");
    expect(formatAgeDays(1234)).toBe("1,234 days");
    expect(formatAgeDays(null)).toBe("—");
  });

  it("reads a 95% interval as whole percents, a dash without ratings", () => {
    expect(formatInterval(8, 10)).toBe("49% to 94%");
    expect(formatInterval(0, 0)).toBe("—");
  });
});
