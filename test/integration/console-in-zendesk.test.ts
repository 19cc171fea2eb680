import { beforeAll, describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { consoleClient, cookieOf, csrfOf } from "../support/console-client.ts";
import { at, decision } from "../support/ledger-rows.ts";
import { signedZafToken, TEST_ZAF_INSTALLATION, zafKeyPair } from "../support/signed-zaf-token.ts";

// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";
const ZENDESK_FRAMES = "frame-ancestors https://acme.zendesk.com;";
const NOBODY_FRAMES = "frame-ancestors 'none';";

/** Every console page a support lead reaches from the nav (and the Overview's filter form). */
const PAGES = [
  "/admin",
  `/admin?${ACME}`,
  `/admin/escalations?${ACME}`,
  `/admin/review?${ACME}`,
  `/admin/knowledge?${ACME}`,
  `/admin/csat?${ACME}`,
  "/admin/settings?platform=zendesk&account=acme",
  "/admin/settings?platform=intercom&account=ws_demo1",
];

const handoff: Handoff = {
  reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
  urgency: "normal",
  customerWants: "a person to call back",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: [],
  sourcesChecked: [],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "Call back today.",
  missing: [],
};

let zendesk: Awaited<ReturnType<typeof zafKeyPair>>;
beforeAll(async () => {
  zendesk = await zafKeyPair();
});

/** The worker with the Zendesk app configured and one escalation in the ledger. */
async function setup() {
  const client = await consoleClient(
    {
      decisions: [
        decision({
          eventId: "esc-0",
          ticketId: "3",
          decidedAt: at(0),
          outcome: "escalate",
          publicReply: false,
          handoff,
        }),
      ],
    },
    { ZENDESK_APP_PUBLIC_KEY: zendesk.publicKeyPem, ZENDESK_APP_INSTALLATION_ID: TEST_ZAF_INSTALLATION.installationId },
  );
  /** Zendesk's POST of the nav bar's signed URL; the session cookie as the browser sends it back. */
  async function openFromNavBar(location: "nav_bar" | "ticket_sidebar" = "nav_bar") {
    const token = await signedZafToken(zendesk.privateKey, { location });
    const res = await client.request("/zendesk-app/console", { method: "POST", body: new URLSearchParams({ token }) });
    return { res, page: await res.text() };
  }
  async function zendeskSession(): Promise<{ cookie: string; csrf: string }> {
    const { res, page } = await openFromNavBar();
    expect(res.status).toBe(200);
    return { cookie: cookieOf(res), csrf: csrfOf(page) };
  }
  return { ...client, openFromNavBar, zendeskSession };
}

/** A console answer keeps the iframe's cookie: it sets none, or only a SameSite=None, partitioned one. */
function expectNoStrictCookie(res: Response) {
  const cookie = res.headers.get("set-cookie");
  if (cookie !== null) expect(cookie).toContain("Secure; SameSite=None; Partitioned");
}

describe("the console opened from the Zendesk nav bar", () => {
  it("lets that Zendesk account frame every page of the session, keeping the iframe's cookie", async () => {
    const { get, zendeskSession } = await setup();
    const { cookie } = await zendeskSession();
    for (const path of PAGES) {
      const res = await get(path, cookie);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers.get("content-security-policy")]).toEqual([
        path,
        expect.stringContaining(ZENDESK_FRAMES),
      ]);
      expect(await res.text()).toContain("Sign out");
      expectNoStrictCookie(res);
    }
  });

  it("keeps frame-ancestors 'none' and SameSite=Strict for a session signed in with the admin token", async () => {
    const { get, signIn } = await setup();
    const { cookie } = await signIn();
    for (const path of PAGES) {
      const res = await get(path, cookie);
      expect([path, res.headers.get("content-security-policy")]).toEqual([
        path,
        expect.stringContaining(NOBODY_FRAMES),
      ]);
    }
    // The login answers of a visitor without a session are never framed either.
    const form = await get("/admin");
    expect(form.headers.get("content-security-policy")).toContain(NOBODY_FRAMES);
    expect(form.headers.get("set-cookie")).toContain("SameSite=Strict");
  });

  it("records a review verdict posted inside Zendesk with the session's CSRF token, and refuses one without", async () => {
    const { post, ledger, zendeskSession } = await setup();
    const { cookie, csrf } = await zendeskSession();
    const fields = { event_id: "esc-0", platform: "zendesk", account: "acme", verdict: "right_call", comment: "" };

    const refused = await post(`/admin/review?${ACME}`, fields, cookie);
    expect(refused.status).toBe(403);
    // The refusal shows inside Zendesk's frame too, instead of a blocked frame.
    expect(refused.headers.get("content-security-policy")).toContain(ZENDESK_FRAMES);
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toBeNull();

    const res = await post(`/admin/review?${ACME}`, { ...fields, csrf }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/review?${ACME}&recorded=1`);
    expectNoStrictCookie(res);
    // The reviewer is the agent Zendesk signed the nav bar for, not the admin token's `admin`.
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toMatchObject({
      verdict: "right_call",
      reviewer: "7001",
    });
  });

  it("signs out inside Zendesk: a framed page saying how to come back, and the partitioned cookie deleted", async () => {
    const { get, post, zendeskSession } = await setup();
    const { cookie, csrf } = await zendeskSession();
    const res = await post("/admin/logout", { csrf }, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain(ZENDESK_FRAMES);
    expect(res.headers.get("set-cookie")).toBe(
      "deskmate_console=; Path=/admin; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned",
    );
    expect(await res.text()).toContain("Zendesk signs you in again");
    // Without the cookie nothing is framed any more: the sign-in form stays unframeable.
    expect((await get("/admin")).headers.get("content-security-policy")).toContain(NOBODY_FRAMES);
  });

  it("tells a Zendesk frame whose session ended how to come back, without a sign-in form", async () => {
    const { get, request } = await setup();
    // Sessions last 12 hours: an ended one sends no cookie (or a stale one); the report pages send the
    // frame to /admin, which the browser loads as an iframe.
    const framed = await request(`/admin/escalations?${ACME}`, { headers: { "sec-fetch-dest": "iframe" } });
    expect(framed.status).toBe(303);
    const res = await request("/admin", { headers: { "sec-fetch-dest": "iframe" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-security-policy")).toContain(ZENDESK_FRAMES);
    expect(res.headers.get("set-cookie")).toBeNull();
    const page = await res.text();
    expect(page).toContain("click Deskmate in Zendesk's left navigation bar");
    expect(page).not.toContain("<form");
    // A top-level visit still gets the sign-in form, which nobody may frame.
    const top = await get("/admin");
    expect(top.headers.get("content-security-policy")).toContain(NOBODY_FRAMES);
    expect(await top.text()).toContain('id="login"');
  });

  it("frames nothing for a frame request when the Zendesk app is not configured", async () => {
    const { request } = await consoleClient();
    const res = await request("/admin", { headers: { "sec-fetch-dest": "iframe" } });
    expect(res.headers.get("content-security-policy")).toContain(NOBODY_FRAMES);
    expect(await res.text()).toContain('id="login"');
  });

  it("does not open the console with a token Zendesk signed for the ticket sidebar", async () => {
    const { openFromNavBar } = await setup();
    const { res, page } = await openFromNavBar("ticket_sidebar");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(page).not.toContain("Sign out");
  });
});
