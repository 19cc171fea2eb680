import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { notifyOnCall, type OnCallNotice } from "../../src/pipeline/notify-on-call.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { useMswServer } from "../support/msw-server.ts";

const received: string[] = [];
const server = useMswServer(
  http.post("https://oncall.example.test/hook", async ({ request }) => {
    received.push(await request.text());
    return HttpResponse.json({ ok: true });
  }),
  http.post("https://oncall.example.test/moved", () =>
    HttpResponse.text("", { status: 302, headers: { location: "https://oncall.example.test/hook" } }),
  ),
);
beforeEach(() => {
  received.length = 0;
});

const notice: OnCallNotice = {
  ticketId: "42",
  ticketUrl: "https://acme.zendesk.com/agent/tickets/42",
  reasons: ["safety"],
  platform: "zendesk",
  account: "acme",
  commentId: "c1",
  at: "2026-12-12T19:00:00.000Z",
};

function send(url: string, store = new StateStore(new MemoryKvStore(), { platform: "zendesk", account: "acme" })) {
  const { logger, lines } = createMemoryLogger();
  const config = { secret: null, localUrl: null };
  return { store, lines, result: () => notifyOnCall({ url, notice, config, store, log: logger }) };
}

describe("the on-call notification", () => {
  it("is sent once per escalating comment: a retried job does not send it again", async () => {
    const call = send("https://oncall.example.test/hook");
    expect(await call.result()).toEqual({ status: "sent", httpStatus: 200 });
    expect(await call.result()).toEqual({ status: "already_sent" });
    expect(received).toHaveLength(1);
    // Ids and codes only: no message text, no contact details.
    expect(JSON.parse(received[0] ?? "{}")).toEqual(notice);
    expect(call.lines.map((l) => l.msg)).toContain("on-call notified");
  });

  it("after a failure the claim is dropped, so a job that decides again may send it", async () => {
    server.use(
      http.post("https://oncall.example.test/hook", () => new HttpResponse(null, { status: 500 }), { once: true }),
    );
    const call = send("https://oncall.example.test/hook");
    expect(await call.result()).toEqual({ status: "failed", detail: "HTTP 500" });
    expect(await call.result()).toEqual({ status: "sent", httpStatus: 200 });
    expect(received).toHaveLength(1);
  });

  it("does not follow a redirect, and refuses a private or plain-http URL without sending", async () => {
    expect(await send("https://oncall.example.test/moved").result()).toEqual({ status: "failed", detail: "HTTP 302" });
    expect(received).toHaveLength(0);
    for (const url of ["http://oncall.example.test/hook", "https://127.0.0.1/hook", "https://metadata.internal/x"]) {
      expect(await send(url).result()).toEqual({ status: "failed", detail: "URL refused (not public https)" });
    }
    expect(received).toHaveLength(0);
  });
});
