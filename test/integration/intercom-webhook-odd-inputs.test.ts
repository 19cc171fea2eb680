import { describe, expect, it } from "vitest";
import { HelpdeskError, TicketLockedError } from "../../src/lib/errors.ts";
import {
  intercomFixture as fixture,
  intercomWebhookApp,
  INTERCOM_WEBHOOK_PATH as PATH,
  type IntercomWebhookAppOptions,
} from "../support/intercom-webhook-app.ts";
import { useMswServer } from "../support/msw-server.ts";
import { signedIntercomRequest } from "../support/signed-intercom-request.ts";

useMswServer();

interface OddCase {
  label: string;
  options?: IntercomWebhookAppOptions;
  init: () => Promise<RequestInit>;
}

const signed = (payload: unknown) => () => signedIntercomRequest(payload);
const throwing = (error: unknown) => () => {
  throw error;
};

/**
 * Intercom disables a subscription on 410 and throttles it for up to 2 hours on 429
 * (developers.intercom.com/docs/webhooks): whatever arrives and whatever fails behind the route, the
 * route must answer with neither, including for errors that carry those statuses themselves.
 */
const ODD_CASES: OddCase[] = [
  { label: "empty body", init: signed("") },
  { label: "JSON null", init: signed("null") },
  { label: "array", init: () => signedIntercomRequest([fixture("user-replied")]) },
  {
    label: "huge topic",
    init: () => signedIntercomRequest({ ...fixture("user-replied"), topic: "x".repeat(100_000) }),
  },
  {
    label: "topic not a string",
    init: () => signedIntercomRequest({ ...fixture("user-replied"), topic: { $gt: "" } }),
  },
  { label: "prototype keys", init: signed('{"topic":"__proto__","__proto__":{"status":410}}') },
  { label: "constructor topic", init: signed({ topic: "constructor" }) },
  {
    label: "unhandled conversation topic",
    init: () => signedIntercomRequest({ ...fixture("admin-closed"), topic: "conversation.deleted" }),
  },
  { label: "no item", init: () => signedIntercomRequest({ ...fixture("user-replied"), data: null }) },
  { label: "id with slashes", init: () => signedIntercomRequest({ ...fixture("user-replied"), id: "../../410" }) },
  {
    label: "created_at out of range",
    init: () => signedIntercomRequest({ ...fixture("user-replied"), created_at: 1e20 }),
  },
  {
    label: "invalid UTF-8",
    init: async () => ({ ...(await signedIntercomRequest("{}")), body: new Uint8Array([0xff, 0xfe, 0x7b]) }),
  },
  { label: "no headers", init: async () => ({ method: "POST", headers: {} }) },
  {
    label: "two signature headers",
    init: async () => {
      const init = await signedIntercomRequest(fixture("user-replied"));
      const headers = new Headers(init.headers);
      headers.append("x-hub-signature", init.headers["x-hub-signature"] ?? "");
      return { ...init, headers };
    },
  },
  {
    label: "body stream fails with a 429 error",
    init: async () => {
      const init = await signedIntercomRequest(fixture("user-replied"));
      const body = new ReadableStream({
        pull: (controller) => controller.error(new HelpdeskError("read", 429, "slow down")),
      });
      return { ...init, body, duplex: "half" } as RequestInit;
    },
  },
  {
    label: "store lookup throws a 409 lock error",
    options: { stateFor: throwing(new TicketLockedError("1")) },
    init: signed(fixture("user-replied")),
  },
  {
    label: "enqueue throws a 429 error",
    options: { enqueueError: () => new HelpdeskError("enqueue", 429, "slow down") },
    init: signed(fixture("admin-noted")),
  },
  {
    label: "enqueue throws a 410 error",
    options: { enqueueError: () => new HelpdeskError("enqueue", 410, "gone") },
    init: signed(fixture("user-created")),
  },
  {
    label: "enqueue throws a non-Error",
    options: { enqueueError: () => "boom" },
    init: signed(fixture("rating-added")),
  },
];

describe("POST /webhooks/intercom with odd inputs", () => {
  it("never answers 410 (disables the subscription) or 429 (throttles it)", async () => {
    const seen: Record<string, number> = {};
    for (const { label, options, init } of ODD_CASES) {
      const { app } = intercomWebhookApp(options);
      seen[label] = (await app.request(PATH, await init())).status;
    }
    const forbidden = Object.entries(seen).filter(([, status]) => status === 410 || status === 429);
    expect(forbidden).toEqual([]);
    // Failures behind the route are retryable answers of the route's own, not the error's status.
    expect(seen["enqueue throws a 429 error"]).toBe(503);
    expect(seen["enqueue throws a 410 error"]).toBe(503);
    expect(seen["store lookup throws a 409 lock error"]).toBe(503);
    expect(seen["body stream fails with a 429 error"]).toBe(500);
    expect(seen["no headers"]).toBe(415);
  });
});
