import { delay, http, HttpResponse, type RequestHandler } from "msw";

/**
 * Sandbox of a company's own backend for the action catalog (orders, invoices, verification email,
 * refunds). It records every request, checks the bearer token, scopes records to the identity in the
 * request (as a real backend must) and honours Idempotency-Key: the same key gets the same response
 * and never a second refund. Faults: `fail(path, "timeout" | 500)` for the next matching request.
 */
export const ACTIONS_BASE_URL = "https://actions.sandbox.test/v1";
export const ACTIONS_TOKEN = "sandbox-actions-token";

export interface ActionsRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface Refund {
  id: string;
  orderId: string;
  amount: number;
  reason: string;
}

type Fault = { path: RegExp; kind: "timeout" | 500; delayMs: number };

export interface ActionsBackend {
  handlers: RequestHandler[];
  requests: ActionsRequest[];
  refunds: Refund[];
  verificationEmailsSent: string[];
  /** The next request whose path matches fails this way (a timeout still processes the request). */
  fail(path: RegExp, kind: "timeout" | 500, delayMs?: number): void;
}

const ORDERS: Record<string, { email: string; status: string; carrier: string; eta: string; total: number }> = {
  "A-1001": { email: "dana@example.com", status: "shipped", carrier: "DHL", eta: "2026-11-26", total: 120 },
  "A-2002": { email: "sam@example.com", status: "processing", carrier: "UPS", eta: "2026-11-30", total: 40 },
};
const INVOICES: Record<string, { customer: string; status: string; amount: number }> = {
  "INV-2041": { customer: "cus_dana", status: "paid", amount: 49 },
  "INV-3001": { customer: "cus_sam", status: "overdue", amount: 99 },
};

export function createActionsBackend(): ActionsBackend {
  const requests: ActionsRequest[] = [];
  const refunds: Refund[] = [];
  const verificationEmailsSent: string[] = [];
  const faults: Fault[] = [];
  const byKey = new Map<string, { status: number; body: unknown }>();

  const route = (
    method: "get" | "post",
    path: string,
    answer: (r: ActionsRequest, params: Record<string, string>) => { status: number; body: unknown },
  ) =>
    http[method](`${ACTIONS_BASE_URL}${path}`, async ({ request, params }) => {
      const url = new URL(request.url);
      const text = await request.text();
      const recorded: ActionsRequest = {
        method: request.method,
        path: url.pathname.slice(new URL(ACTIONS_BASE_URL).pathname.length),
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(request.headers),
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      requests.push(recorded);
      const faultIndex = faults.findIndex((f) => f.path.test(recorded.path));
      const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0] : undefined;
      if (fault?.kind === 500) return HttpResponse.json({ error: "internal" }, { status: 500 });
      if (recorded.headers.authorization !== `Bearer ${ACTIONS_TOKEN}`)
        return HttpResponse.json({ error: "unauthorized" }, { status: 401 });
      const key = recorded.headers["idempotency-key"];
      const replay = key ? byKey.get(key) : undefined;
      const result = replay ?? answer(recorded, params as Record<string, string>);
      if (key && !replay) byKey.set(key, result);
      if (fault?.kind === "timeout") await delay(fault.delayMs);
      return HttpResponse.json(result.body as object, { status: result.status });
    });

  const handlers = [
    route("get", "/orders/:orderId", (r, p) => {
      const order = ORDERS[p.orderId ?? ""];
      if (!order || order.email !== r.query.email) return { status: 404, body: { error: "not_found" } };
      return {
        status: 200,
        body: { order_id: p.orderId, status: order.status, carrier: order.carrier, eta: order.eta },
      };
    }),
    route("get", "/invoices/:invoiceId", (r, p) => {
      const invoice = INVOICES[p.invoiceId ?? ""];
      if (!invoice || invoice.customer !== r.query.customer) return { status: 404, body: { error: "not_found" } };
      return { status: 200, body: { invoice_id: p.invoiceId, status: invoice.status, amount: invoice.amount } };
    }),
    route("post", "/accounts/:customer/verification-email", (_r, p) => {
      verificationEmailsSent.push(p.customer ?? "");
      return { status: 202, body: { sent: true } };
    }),
    route("post", "/orders/:orderId/refunds", (r, p) => {
      const order = ORDERS[p.orderId ?? ""];
      if (!order || order.email !== r.query.email) return { status: 404, body: { error: "not_found" } };
      const { amount, reason } = r.body as { amount: number; reason: string };
      if (amount > order.total) return { status: 422, body: { error: "amount_exceeds_order_total" } };
      const refund = { id: `re_${refunds.length + 1}`, orderId: p.orderId ?? "", amount, reason };
      refunds.push(refund);
      return { status: 201, body: { refund_id: refund.id, amount } };
    }),
  ];

  return {
    handlers,
    requests,
    refunds,
    verificationEmailsSent,
    fail: (path, kind, delayMs = 1_000) => void faults.push({ path, kind, delayMs }),
  };
}
