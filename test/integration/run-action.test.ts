import { describe, expect, it } from "vitest";
import { createActionBudget } from "../../src/actions/action-budget.ts";
import { authorizeAction, type PreparedCall, type ProposedCall } from "../../src/actions/authorize-action.ts";
import { findAction } from "../../src/actions/catalog.ts";
import { idempotencyKey } from "../../src/actions/idempotency-key.ts";
import { loadCatalog } from "../../src/actions/load-catalog.ts";
import type { RequesterIdentity } from "../../src/actions/requester-identity.ts";
import { readFromEnv, runAction, type RunActionDeps } from "../../src/actions/run-action.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import type { IntentCategory } from "../../src/domain/triage.ts";
import { ACTIONS_BASE_URL, ACTIONS_TOKEN, createActionsBackend } from "../support/actions-backend.ts";
import { useMswServer } from "../support/msw-server.ts";

const backend = createActionsBackend();
useMswServer(...backend.handlers);

const { catalog } = loadCatalog();
const dana: RequesterIdentity = {
  email: "dana@example.com",
  externalId: "cus_dana",
  helpdeskId: "501",
  verified: true,
};

function deps(env: Record<string, string> = {}): RunActionDeps & { lines: Record<string, unknown>[] } {
  const { logger, lines } = createMemoryLogger();
  const bindings = { DESKMATE_ACTIONS_BASE_URL: ACTIONS_BASE_URL, DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN, ...env };
  return { fetch: (input, init) => fetch(input, init), readEnv: readFromEnv(bindings), logger, lines };
}

function allowed(proposed: ProposedCall, intent: IntentCategory, timeoutMs?: number): PreparedCall {
  const result = authorizeAction({ proposed, catalog, intent, requester: dana });
  if (result.decision !== "allow") throw new Error(`expected allow, got ${JSON.stringify(result)}`);
  return timeoutMs ? { ...result.call, action: { ...result.call.action, timeoutMs } } : result.call;
}

const fresh = () => {
  backend.requests.length = 0;
  backend.refunds.length = 0;
};

describe("runAction", () => {
  it("reads with the requester's identity from the context and the auth header from the named secret", async () => {
    fresh();
    const call = allowed({ name: "order_status", parameters: { order_id: "A-1001" } }, "order_shipping");
    const result = await runAction({ call, requester: dana, ticketId: "101" }, deps());
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      data: { status: "shipped", carrier: "DHL" },
      attempts: 1,
      idempotencyKey: null,
    });
    expect(backend.requests).toHaveLength(1);
    expect(backend.requests[0]).toMatchObject({
      method: "GET",
      path: "/orders/A-1001",
      query: { email: "dana@example.com" },
    });
    expect(backend.requests[0]?.headers.authorization).toBe(`Bearer ${ACTIONS_TOKEN}`);
    expect(backend.requests[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("URL-encodes values so a parameter cannot change the path or query", async () => {
    fresh();
    const call: PreparedCall = {
      action: findAction(catalog, "order_status")!,
      parameters: { order_id: "A-1001?email=sam@example.com" },
    };
    const result = await runAction({ call, requester: dana, ticketId: "101" }, deps());
    expect(result).toMatchObject({ ok: false, status: 404, error: { code: "rejected" }, outcome: "failed" });
    expect(backend.requests[0]).toMatchObject({
      path: "/orders/A-1001%3Femail%3Dsam%40example.com",
      query: { email: "dana@example.com" },
    });
  });

  it("returns a config error without sending anything when the secret is not set", async () => {
    fresh();
    const call = allowed({ name: "order_status", parameters: { order_id: "A-1001" } }, "order_shipping");
    const result = await runAction({ call, requester: dana, ticketId: "101" }, deps({ DESKMATE_ACTIONS_TOKEN: "" }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "config", message: expect.stringContaining("DESKMATE_ACTIONS_TOKEN") },
      attempts: 0,
    });
    expect(backend.requests).toHaveLength(0);
  });

  it("retries a read once on a 5xx", async () => {
    fresh();
    backend.fail(/^\/invoices\//, 500);
    const call = allowed({ name: "invoice_status", parameters: { invoice_id: "INV-2041" } }, "billing");
    const result = await runAction({ call, requester: dana, ticketId: "101" }, deps());
    expect(result).toMatchObject({ ok: true, data: { status: "paid" }, attempts: 2 });
    expect(backend.requests.map((r) => `${r.path}?customer=${r.query.customer}`)).toEqual([
      "/invoices/INV-2041?customer=cus_dana",
      "/invoices/INV-2041?customer=cus_dana",
    ]);
  });

  it("retries a read once on a timeout, then gives up", async () => {
    fresh();
    backend.fail(/^\/orders\//, "timeout", 300);
    backend.fail(/^\/orders\//, "timeout", 300);
    const call = allowed({ name: "order_status", parameters: { order_id: "A-1001" } }, "order_shipping", 50);
    const result = await runAction({ call, requester: dana, ticketId: "101" }, deps());
    expect(result).toMatchObject({
      ok: false,
      status: null,
      error: { code: "timeout" },
      outcome: "failed",
      attempts: 2,
    });
    expect(backend.requests).toHaveLength(2);
  });

  it("sends a write once with a stable Idempotency-Key; a re-run gets the same refund, not a second one", async () => {
    fresh();
    const call = allowed(
      { name: "refund", parameters: { order_id: "A-1001", amount: 30, reason: "damaged" } },
      "refund",
    );
    const first = await runAction({ call, requester: dana, ticketId: "101" }, deps());
    // Same call with the parameters in another order (e.g. the message processed again).
    const again = allowed(
      { name: "refund", parameters: { reason: "damaged", amount: 30, order_id: "A-1001" } },
      "refund",
    );
    const second = await runAction({ call: again, requester: dana, ticketId: "101" }, deps());
    expect(first).toMatchObject({ ok: true, status: 201, data: { refund_id: "re_1", amount: 30 }, attempts: 1 });
    expect(second).toMatchObject({ ok: true, data: { refund_id: "re_1" } });
    expect(backend.refunds).toHaveLength(1);
    const key = await idempotencyKey("101", "refund", { order_id: "A-1001", amount: 30, reason: "damaged" });
    expect(backend.requests.map((r) => r.headers["idempotency-key"])).toEqual([key, key]);
    expect(await idempotencyKey("102", "refund", { order_id: "A-1001", amount: 30, reason: "damaged" })).not.toBe(key);
    expect(backend.requests[0]?.body).toEqual({
      order_id: "A-1001",
      amount: 30,
      reason: "damaged",
      requester: { email: "dana@example.com", external_id: "cus_dana", helpdesk_id: "501" },
    });
  });

  it("never retries a write after a timeout and reports the outcome as unknown with what was attempted", async () => {
    fresh();
    backend.fail(/refunds$/, "timeout", 300);
    const call = allowed(
      { name: "refund", parameters: { order_id: "A-1001", amount: 20, reason: "late" } },
      "refund",
      50,
    );
    const d = deps();
    const result = await runAction({ call, requester: dana, ticketId: "103" }, d);
    expect(result).toMatchObject({
      ok: false,
      status: null,
      error: { code: "timeout" },
      outcome: "unknown",
      attempts: 1,
      attempted: 'write refund(amount=20, order_id="A-1001", reason="late") for the ticket\'s requester',
    });
    expect(backend.requests).toHaveLength(1);
    expect(backend.refunds).toHaveLength(1); // the backend did act: hence "unknown", not "failed"
    expect(JSON.stringify(d.lines)).not.toContain("dana@example.com");
  });

  it("never retries a write after a 5xx", async () => {
    fresh();
    backend.fail(/verification-email$/, 500);
    const call = allowed({ name: "resend_verification_email", parameters: {} }, "account_access");
    const result = await runAction({ call, requester: dana, ticketId: "104" }, deps());
    expect(result).toMatchObject({
      ok: false,
      status: 500,
      error: { code: "server_error" },
      outcome: "unknown",
      attempts: 1,
    });
    expect(backend.requests).toHaveLength(1);
    expect(backend.verificationEmailsSent).toEqual([]);
  });

  it("caps a message at 3 reads, 1 write and no identical repeated call, sending nothing when refused", async () => {
    fresh();
    const budget = createActionBudget();
    const run = (proposed: ProposedCall, intent: IntentCategory) =>
      runAction({ call: allowed(proposed, intent), requester: dana, ticketId: "105", budget }, deps());
    const order = (id: string) => ({ name: "order_status", parameters: { order_id: id } });
    expect((await run(order("A-1001"), "refund")).ok).toBe(true);
    expect(await run(order("A-1001"), "refund")).toMatchObject({
      ok: false,
      error: { code: "budget", message: expect.stringContaining("repeated_call") },
    });
    // 404 for another customer's order, still a read used
    expect((await run(order("A-2002"), "refund")).ok).toBe(false);
    expect((await run({ name: "invoice_status", parameters: { invoice_id: "INV-2041" } }, "refund")).ok).toBe(true);
    expect(await run(order("A-3003"), "refund")).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("read_budget_exhausted") },
    });
    expect(
      (await run({ name: "refund", parameters: { order_id: "A-1001", amount: 5, reason: "late" } }, "refund")).ok,
    ).toBe(true);
    expect(
      await run({ name: "refund", parameters: { order_id: "A-1001", amount: 6, reason: "late" } }, "refund"),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining("write_budget_exhausted") } });
    expect(budget.used).toEqual({ reads: 3, writes: 1 });
    expect(backend.requests.map((r) => r.path)).toEqual([
      "/orders/A-1001",
      "/orders/A-2002",
      "/invoices/INV-2041",
      "/orders/A-1001/refunds",
    ]);
    expect(backend.refunds).toHaveLength(1);
  });
});
