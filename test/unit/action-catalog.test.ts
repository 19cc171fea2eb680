import { describe, expect, it } from "vitest";
import { findAction } from "../../src/actions/catalog.ts";
import { loadCatalog, logCatalogProblems } from "../../src/actions/load-catalog.ts";
import defaultCatalog from "../../src/actions/default-catalog.json" with { type: "json" };
import { createMemoryLogger } from "../../src/lib/logger.ts";

const orderStatus = defaultCatalog.actions[0]!;

describe("loadCatalog", () => {
  it("accepts the default catalog with the four sandbox actions", () => {
    const { catalog, problems } = loadCatalog();
    expect(problems).toEqual([]);
    expect(catalog.actions.map((a) => [a.name, a.kind])).toEqual([
      ["order_status", "read"],
      ["invoice_status", "read"],
      ["resend_verification_email", "write"],
      ["refund", "write"],
    ]);
    expect(findAction(catalog, "refund")).toMatchObject({
      limits: { maxAmount: 100 },
      approvalThreshold: { above: 50 },
      timeoutMs: 5000,
    });
  });

  it("merges a workspace override by name: replace, add, disable", () => {
    const { catalog, problems } = loadCatalog({
      override: {
        version: "acme-3",
        actions: [
          { ...orderStatus, intents: ["order_shipping"] },
          {
            ...orderStatus,
            name: "shipment_tracking",
            request: { method: "GET", url: "https://track.example.com/{order_id}" },
          },
          { name: "refund", disabled: true },
        ],
      },
    });
    expect(problems).toEqual([]);
    expect(catalog.version).toBe("2026-11-23.1+acme-3");
    expect(catalog.actions.map((a) => a.name)).toEqual([
      "order_status",
      "invoice_status",
      "resend_verification_email",
      "shipment_tracking",
    ]);
    expect(findAction(catalog, "order_status")?.intents).toEqual(["order_shipping"]);
  });

  it("keeps the last good catalog and lists every bad field of an invalid override", () => {
    const lastGood = loadCatalog({ override: { actions: [{ name: "refund", disabled: true }] } }).catalog;
    const result = loadCatalog({
      lastGood,
      override: {
        actions: [
          { ...orderStatus, kind: "delete", request: { method: "GET", url: "/orders/{order_ref}" } },
          {
            ...orderStatus,
            name: "refund_big",
            kind: "write",
            limits: { amountParam: "amount", maxAmount: 10 },
            approvalThreshold: { amountParam: "amount", above: 20 },
            request: { method: "POST", url: "/r", auth: { header: "Authorization", secret: "sk_live_123" } },
          },
        ],
      },
    });
    expect(result.catalog).toBe(lastGood);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^override\.actions\.order_status\.kind:/),
        expect.stringMatching(/^override\.actions\.refund_big\.request\.auth\.secret: secret is the NAME/),
        expect.stringMatching(
          /^override\.actions\.refund_big\.limits\.amountParam: amount is not a declared numeric parameter/,
        ),
      ]),
    );
  });

  it("only read actions declare readsAccountData (the data notice is about looking the account up)", () => {
    const { catalog } = loadCatalog();
    expect(catalog.actions.filter((a) => a.readsAccountData).map((a) => a.name)).toEqual([
      "order_status",
      "invoice_status",
    ]);
    const refund = catalog.actions.find((a) => a.name === "refund");
    const result = loadCatalog({ override: { actions: [{ ...refund, readsAccountData: true }] } });
    expect(result.problems).toEqual([
      "override.actions.refund.readsAccountData: only read actions declare readsAccountData (the notice is about looking up); remove it",
    ]);
  });

  it("reports cross-field problems (unknown placeholder, threshold over the limit) and falls back to the base", () => {
    const result = loadCatalog({
      override: {
        actions: [{ ...orderStatus, request: { method: "GET", url: "/orders/{order_ref}?who={requester.phone}" } }],
      },
    });
    expect(result.catalog.version).toBe("2026-11-23.1");
    expect(result.problems).toEqual([
      "override.actions.order_status.request.url: placeholder {order_ref} is neither a parameter nor a requester field",
      "override.actions.order_status.request.url: placeholder " +
        "{requester.phone} is neither a parameter nor a requester field",
    ]);
  });

  it("rejects an override that is not a catalog and logs the problems without the values", () => {
    const { logger, lines } = createMemoryLogger();
    const result = loadCatalog({ override: { actions: "all of them" } });
    logCatalogProblems(logger, result);
    expect(result.problems).toHaveLength(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: "warn", msg: "action catalog rejected", problem: result.problems[0] }),
    ]);
  });
});
