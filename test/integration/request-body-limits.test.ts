import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HelpdeskError } from "../../src/lib/errors.ts";
import { ADMIN_SETTINGS_PATH } from "../../src/http/admin/admin-settings-route.ts";
import { INBOX_APP_PATHS } from "../../src/http/inbox-app/inbox-app-routes.ts";
import { userReplied } from "../support/intercom-events.ts";
import { useMswServer } from "../support/msw-server.ts";
import { signedIntercomRequest } from "../support/signed-intercom-request.ts";
import { signedZendeskRequest } from "../support/signed-zendesk-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";

const sandbox = createZendeskSandbox();
useMswServer(...sandbox.handlers);
beforeEach(() => sandbox.reset());
afterEach(() => sandbox.reset());

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A request body that counts what the worker pulled from it: the observable cost of a big body. */
function countingBody(totalBytes: number) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) return controller.close();
      controller.enqueue(chunk);
      counter.pulled += CHUNK;
    },
  });
  return { stream, counter };
}

/** The same bytes as `body`, sent chunked: no content-length, like a client streaming its upload. */
function chunked(body: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
}

const ROUTES = [
  { path: "/webhooks/zendesk", method: "POST", limit: "2 MiB" },
  { path: "/webhooks/intercom", method: "POST", limit: "2 MiB" },
  { path: INBOX_APP_PATHS.initialize, method: "POST", limit: "2 MiB" },
  { path: INBOX_APP_PATHS.submit, method: "POST", limit: "2 MiB" },
  { path: ADMIN_SETTINGS_PATH, method: "PUT", limit: "256 KiB" },
] as const;

describe("request-body limits", () => {
  it.each(ROUTES)(
    "$method $path refuses an unsigned 50 MB body with a content-length: 413 naming the limit, nothing read",
    async ({ path, method, limit }) => {
      const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: "admin-token-0123456789abcdef" } });
      const { stream, counter } = countingBody(50 * MiB);
      const response = await h.runtime.app.request(
        path,
        {
          method,
          body: stream,
          duplex: "half",
          headers: { "content-type": "application/json", "content-length": String(50 * MiB) },
        } as RequestInit,
        h.env,
      );
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        error: "payload_too_large",
        message: expect.stringContaining(`${limit} limit`),
      });
      expect(counter.pulled).toBeLessThanOrEqual(CHUNK); // at most what the stream queued on its own
      expect(h.lines.find((l) => l.msg === "request body over limit")).toMatchObject({
        path,
        content_length: 50 * MiB,
      });
    },
  );

  it("a chunked 50 MB body without content-length is cut off at the limit, before the signature check", async () => {
    const h = createHarness();
    const { stream, counter } = countingBody(50 * MiB);
    const init = await signedZendeskRequest("{}");
    const response = await h.runtime.app.request(
      "/webhooks/zendesk",
      { ...init, body: stream, duplex: "half" } as RequestInit,
      h.env,
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "payload_too_large" });
    expect(counter.pulled).toBeLessThanOrEqual(2 * MiB + 2 * CHUNK);
  });

  it("a signed body under the limit still verifies and is accepted when sent chunked", async () => {
    const h = createHarness({ queue: true });
    const init = await signedZendeskRequest(
      ticketCreated({
        id: 101,
        requesterId: SANDBOX.customerWithOrgId,
        tags: Array.from({ length: 20_000 }, (_, i) => `t${i}`),
      }),
    );
    const response = await h.runtime.app.request(
      "/webhooks/zendesk",
      { ...init, body: chunked(String(init.body)), duplex: "half" } as RequestInit,
      h.env,
    );
    expect(response.status).toBe(202);
    expect(h.sent).toHaveLength(1);
  });

  it("Intercom: an oversized or unreadable body never gets 410 or 429 (they disable or throttle it)", async () => {
    const h = createHarness();
    const signed = await signedIntercomRequest(
      userReplied({ id: "215474343849700", contactId: "6762f1261bb69f9f21930001" }, { id: "1", body: "hi" }),
    );
    const { stream } = countingBody(3 * MiB);
    const big = await h.runtime.app.request(
      "/webhooks/intercom",
      { ...signed, body: stream, duplex: "half" } as RequestInit,
      h.env,
    );
    expect(big.status).toBe(413);
    const failing = new ReadableStream({
      pull: (controller) => controller.error(new HelpdeskError("read", 429, "slow down")),
    });
    const broken = await h.runtime.app.request(
      "/webhooks/intercom",
      { ...signed, body: failing, duplex: "half" } as RequestInit,
      h.env,
    );
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: "unreadable_body" });
  });
});
