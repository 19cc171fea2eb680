import { describe, expect, it } from "vitest";
import { findUngroundedClaims } from "../../src/policy/find-ungrounded-claims.ts";
import { groundingCorpus } from "../../src/policy/grounding-corpus.ts";

const corpus = groundingCorpus(
  [
    "Refunds within a 30-day window. Restocking fee: 25.00 USD. Plans from €9,99. Save 15 percent yearly.",
    "Offer ends 2026-12-01. Support hours 9am-5pm. Sale starts March 3.",
  ],
  ["https://help.example.com/hc/en-us/articles/360001-Refunds"],
);

describe("findUngroundedClaims: normalization, one row per claim kind", () => {
  it.each([
    { claim: "money: $25 matches 25.00 USD", reply: "The fee is $25.", ungrounded: [] },
    { claim: "money: 9.99 EUR matches €9,99 (decimal comma)", reply: "Plans start at 9.99 EUR.", ungrounded: [] },
    { claim: "money: $30 is not grounded by a 30-day window", reply: "The fee is $30.", ungrounded: ["$30"] },
    { claim: "number: 30 days matches 30-day", reply: "Within 30 days.", ungrounded: [] },
    { claim: "number: 45 days is ungrounded", reply: "Within 45 days.", ungrounded: ["45"] },
    { claim: "percent: 15% matches 15 percent", reply: "Save 15% a year.", ungrounded: [] },
    { claim: "percent: 20% is ungrounded", reply: "Save 20% a year.", ungrounded: ["20%"] },
    { claim: "date: December 1, 2026 matches 2026-12-01", reply: "Ends December 1, 2026.", ungrounded: [] },
    { claim: "date: 1 Dec matches 2026-12-01", reply: "Ends 1 Dec.", ungrounded: [] },
    { claim: "date: 12/01/2026 matches (month/day)", reply: "Ends 12/01/2026.", ungrounded: [] },
    {
      claim: "date: a year added to a yearless source date needs that year somewhere",
      reply: "Starts March 3, 2026.",
      ungrounded: [],
    },
    { claim: "date: another day is ungrounded", reply: "Ends December 2, 2026.", ungrounded: ["December 2, 2026"] },
    { claim: "time: 9:00 am matches 9am", reply: "Open from 9:00 am.", ungrounded: [] },
    {
      claim: "url: same article without scheme case or trailing slash",
      reply: "See HTTPS://help.example.com/hc/en-us/articles/360001-Refunds/.",
      ungrounded: [],
    },
    {
      claim: "url: another article is ungrounded",
      reply: "See https://help.example.com/hc/articles/42.",
      ungrounded: ["https://help.example.com/hc/articles/42"],
    },
    {
      claim: "not claims: list markers, steps, 24/7, 2FA",
      reply: "1. Turn on 2FA\n2. In step 3, note we answer 24/7",
      ungrounded: [],
    },
  ])("$claim", ({ reply, ungrounded }) => {
    expect(findUngroundedClaims(reply, corpus).map((c) => c.text)).toEqual(ungrounded);
  });
});
