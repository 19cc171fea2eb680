import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { webhookRoute } from "../../src/http/webhook-route.ts";
import { HelpdeskError, toDeskmateError } from "../../src/lib/errors.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { intercomWebhookAdapter } from "../../src/platforms/intercom/intercom-webhook-adapter.ts";
import { zendeskWebhookAdapter } from "../../src/platforms/zendesk/zendesk-webhook-adapter.ts";
import type { WebhookAdapter } from "../../src/ports/webhook-adapter.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { intercomFixture } from "../support/intercom-webhook-app.ts";
import { useMswServer } from "../support/msw-server.ts";
import { signedIntercomRequest, TEST_INTERCOM_CLIENT_SECRET } from "../support/signed-intercom-request.ts";
import { signedZendeskRequest, TEST_ZENDESK_WEBHOOK_SECRET } from "../support/signed-zendesk-request.ts";

// No handlers: the route must not call anything; any outbound request fails the test.
useMswServer();

const PATH = "/webhook";
const zendeskFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/zendesk/${name}.json`, import.meta.url), "utf8"));

/**
 * The route mounted on an app whose error handler renders a DeskmateError with its own status, as
 * createApp's does: whatever escapes the route shows up here with the status the helpdesk would see.
 */
function mount(adapter: WebhookAdapter) {
  const { logger, lines } = createMemoryLogger();
  const queued: unknown[] = [];
  const kv = new MemoryKvStore();
  const app = new Hono();
  app.onError((error, c) => c.json({ error: "escaped" }, toDeskmateError(error).status as 500));
  const stateFor = (account: string) => new StateStore(kv, { platform: adapter.platform, account });
  const enqueue = async (body: unknown) => void queued.push(body);
  app.post(PATH, webhookRoute({ adapter, stateFor, enqueue, logger }));
  const send = async (init: RequestInit) => {
    const response = await app.request(PATH, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { send, lines, queued };
}

/** An adapter that reads the helpdesk while interpreting a delivery and is rate limited there. */
function rateLimitedWhileInterpreting(adapter: WebhookAdapter): WebhookAdapter {
  return {
    ...adapter,
    interpret: async () => {
      throw new HelpdeskError("read ticket", 429, "rate limited");
    },
  };
}

describe("the one webhook route", () => {
  const zendesk = zendeskWebhookAdapter({ secrets: () => [TEST_ZENDESK_WEBHOOK_SECRET], triggerAccount: () => "acme" });
  const intercom = intercomWebhookAdapter({ secret: () => TEST_INTERCOM_CLIENT_SECRET });

  it.each([
    ["zendesk", zendesk, () => signedZendeskRequest(zendeskFixture("comment-added"), { invocationId: "inv-err" })],
    ["intercom", intercom, () => signedIntercomRequest(intercomFixture("user-replied"))],
  ] as const)(
    "%s: an unexpected error is answered 500 by the route, never with the error's own 429",
    async (name, adapter, request) => {
      const { send, lines, queued } = mount(rateLimitedWhileInterpreting(adapter));
      const response = await send(await request());

      const internal = { error: "internal_error", message: "unexpected error; retry later" };
      expect(response).toEqual({ status: 500, body: internal });
      expect(queued).toHaveLength(0);
      const deliveries = lines.filter((line) => line.msg === `${name} webhook`);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ level: "error", status: 500, outcome: "internal_error", platform: name });
    },
  );

  it("zendesk: a signed delivery is still accepted once, then answered as a duplicate", async () => {
    const { send, queued } = mount(zendesk);
    const first = await send(await signedZendeskRequest(zendeskFixture("comment-added"), { invocationId: "inv-1" }));
    const retry = await send(await signedZendeskRequest(zendeskFixture("comment-added"), { invocationId: "inv-2" }));

    expect(first).toMatchObject({ status: 202, body: { status: "accepted" } });
    expect(retry).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(queued).toHaveLength(1);
  });
});
