import { beforeAll, describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import type { ReasonCode } from "../../src/domain/reasons.ts";
import { outcomeTags } from "../../src/handoff/outcome-tags.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { signedZafToken, TEST_ZAF_INSTALLATION, zafKeyPair } from "../support/signed-zaf-token.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

type Json = Record<string, any>;
const ADMIN_TOKEN = "admin-token-for-zendesk-app-tests";
const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
let zendesk: Awaited<ReturnType<typeof zafKeyPair>>;
let stranger: Awaited<ReturnType<typeof zafKeyPair>>;

beforeAll(async () => {
  [zendesk, stranger] = await Promise.all([zafKeyPair(), zafKeyPair()]);
});

const handoff: Handoff = {
  reasons: [{ code: "needs_human_judgment", text: "Needs a person's judgment." }],
  urgency: "normal",
  customerWants: "A refund for a double charge.",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: ["Two charges of 49.00 on 2026-11-18."],
  sourcesChecked: [{ title: "Refund policy", url: "https://acme.zendesk.com/hc/articles/1" }],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "Confirm the duplicate charge and refund one.",
  missing: [],
};

/** Escalates every message, like a needs-a-person decision would. */
const escalate: Decider = async ({ settings }) => {
  const reasons: ReasonCode[] = ["needs_human_judgment"];
  return {
    outcome: "escalate",
    reasons,
    customerMessage: "A member of our team will reply here shortly.",
    internalNote: "<p>Deskmate handoff</p>",
    addTags: outcomeTags({ outcome: "escalate", reasons }, settings.tagPrefix),
    removeTags: [],
    priority: "normal",
    handoff,
  };
};

/** The worker with the app configured and ticket 101 escalated through a real signed webhook. */
async function escalatedTicket(env: Record<string, string> = {}, deliver = true) {
  const h = createHarness({
    env: {
      DESKMATE_MODE: "autosend",
      DESKMATE_ADMIN_TOKEN: ADMIN_TOKEN,
      ZENDESK_APP_PUBLIC_KEY: zendesk.publicKeyPem,
      ZENDESK_APP_INSTALLATION_ID: TEST_ZAF_INSTALLATION.installationId,
      ...env,
    },
    decide: escalate,
  });
  if (!deliver) return h;
  await h.deliver(ticketCreated(T101));
  expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
  return h;
}

type Harness = Awaited<ReturnType<typeof escalatedTicket>>;

/** Zendesk's POST of the signed sidebar URL (form field `token`), as the Apps framework sends it. */
async function openSidebar(h: Harness, token: string) {
  const response = await h.runtime.app.request(
    "/zendesk-app/sidebar",
    { method: "POST", body: new URLSearchParams({ token, origin: "https://acme.zendesk.com" }) },
    h.env,
  );
  const page = await response.text();
  const session = /name="deskmate-app-session" content="([^"]+)"/.exec(page)?.[1] ?? null;
  return { response, page, session };
}

async function api(h: Harness, session: string | null, method: "GET" | "POST", path = "", body?: object) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (session !== null) headers.authorization = `Bearer ${session}`;
  const response = await h.runtime.app.request(
    `/zendesk-app/tickets/101${path}`,
    { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) },
    h.env,
  );
  return { status: response.status, body: (await response.json()) as Json };
}

async function signedIn(h: Harness, userId = "7001") {
  const { session } = await openSidebar(h, await signedZafToken(zendesk.privateKey, { userId }));
  if (session === null) throw new Error("the sidebar page carried no app session");
  return session;
}

describe("the Zendesk ticket sidebar page (signed URL)", () => {
  it("verifies Zendesk's token and answers the page framed only by the account, without the admin token", async () => {
    const h = await escalatedTicket();
    const { response, page, session } = await openSidebar(h, await signedZafToken(zendesk.privateKey));
    expect(response.status).toBe(200);
    expect(session).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(page).not.toContain(ADMIN_TOKEN);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors https://acme.zendesk.com");
    expect(csp).toContain("script-src 'self' https://static.zdassets.com");
    // The stylesheet goes out as CSS: quotes intact, not HTML-escaped (which would void its rules).
    const style = page.slice(page.indexOf("<style>"), page.indexOf("</style>"));
    expect(style).toContain('"Segoe UI"');
    expect(style).not.toContain("&quot;");
  });

  it("refuses a token signed by another key, an expired one, one for another installation, and none", async () => {
    const h = await escalatedTicket();
    const now = Date.now();
    const refused = [
      await signedZafToken(stranger.privateKey),
      await signedZafToken(zendesk.privateKey, { exp: Math.floor(now / 1000) - 120 }),
      await signedZafToken(zendesk.privateKey, { installationId: "999999" }),
      "",
    ];
    for (const token of refused) {
      const { response, session } = await openSidebar(h, token);
      expect(response.status).toBe(401);
      expect(session).toBeNull();
    }
    expect(h.lines.filter((l) => l.msg === "zendesk app page").map((l) => l.reason ?? l.outcome)).toEqual([
      "bad_signature",
      "expired",
      "wrong_audience",
      "missing_token",
    ]);
  });

  it("answers 503 naming the settings to set when the app key is not configured", async () => {
    const h = await escalatedTicket({ ZENDESK_APP_PUBLIC_KEY: "" });
    const { response } = await openSidebar(h, await signedZafToken(zendesk.privateKey));
    expect(response.status).toBe(503);
    const { status, body } = await api(h, "x.y", "GET");
    expect(status).toBe(503);
    expect(body.missing).toEqual(["ZENDESK_APP_PUBLIC_KEY"]);
  });
});

describe("the sidebar API", () => {
  it("shows the last decision with its reasons in plain words and the handoff sections", async () => {
    const h = await escalatedTicket();
    const { status, body } = await api(h, await signedIn(h), "GET");
    expect(status).toBe(200);
    expect(body.state).toEqual({ paused: false, human_owned: false, awaiting_human: true });
    expect(body.decision).toMatchObject({
      outcome: "escalate",
      outcome_text: "Handed over to an agent",
      reasons: [{ code: "needs_human_judgment", text: expect.stringMatching(/\w+ \w+/) }],
    });
    expect(body.handoff).toMatchObject({
      customer_wants: "A refund for a double charge.",
      facts: ["Two charges of 49.00 on 2026-11-18."],
      sources_checked: [{ title: "Refund policy", url: "https://acme.zendesk.com/hc/articles/1" }],
      suggested_next_step: "Confirm the duplicate charge and refund one.",
    });
    expect(body.rating).toEqual({ decision_event_id: body.decision.event_id, current: null });
  });

  it("refuses a missing, forged or other-worker session", async () => {
    const h = await escalatedTicket();
    const session = await signedIn(h);
    expect((await api(h, null, "GET")).status).toBe(401);
    expect((await api(h, `${session.slice(0, -2)}AA`, "GET")).status).toBe(401);
    // A session issued under another admin token (another deployment) does not verify here.
    const other = await escalatedTicket({ DESKMATE_ADMIN_TOKEN: "another-deployment-token" }, false);
    expect((await api(other, session, "GET")).body.error).toBe("session_refused");
  });

  it("records the agent's handoff rating in the ledger, rater = the Zendesk user, counted by /admin/metrics", async () => {
    const h = await escalatedTicket();
    const session = await signedIn(h, "42");
    const rated = await api(h, session, "POST", "/rating", { rating: "missing_section:facts" });
    expect(rated.status).toBe(200);
    expect(rated.body.notice).toEqual({ text: "Thanks — recorded.", style: "muted" });
    expect(rated.body.rating.current).toBe("missing_section:facts");
    // A second rating by the same agent replaces the first.
    await api(h, session, "POST", "/rating", { rating: "wrong_escalation:should_have_answered" });
    // The rating is this agent's (the user id from Zendesk's token): another agent has none yet.
    expect((await api(h, session, "GET")).body.rating.current).toBe("wrong_escalation:should_have_answered");
    expect((await api(h, await signedIn(h, "43"), "GET")).body.rating.current).toBeNull();

    const day = new Date().toISOString().slice(0, 10);
    const metrics = await h.runtime.app.request(
      `/admin/metrics?platform=zendesk&account=acme&from=${day}&to=${day}`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      h.env,
    );
    const ratings = ((await metrics.json()) as Json).handoff_ratings;
    expect(ratings).toMatchObject({ rated: 1, useful: 0, wrong_escalation: { should_have_answered: 1 } });
    expect(ratings.missing_section.facts).toBe(0);
  });

  it("refuses a rating it does not know, naming the field and the values", async () => {
    const h = await escalatedTicket();
    const { status, body } = await api(h, await signedIn(h), "POST", "/rating", { rating: "great" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_rating", field: "rating" });
    expect(body.message).toContain("missing_section:<section>");
  });

  it("pause stops Deskmate writing on the ticket; hand back ends the wait for a person", async () => {
    const h = await escalatedTicket();
    const session = await signedIn(h);
    const paused = await api(h, session, "POST", "/actions", { action: "pause" });
    expect(paused.body.state).toMatchObject({ paused: true });

    const writesBefore = sandbox.writes().length;
    const comment = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body: "hello? anyone?" });
    await h.deliver(commentAdded(T101, { id: comment.id, authorId: SANDBOX.customerWithOrgId, isStaff: false }));
    expect(sandbox.writes()).toHaveLength(writesBefore);

    await api(h, session, "POST", "/actions", { action: "resume" });
    const handedBack = await api(h, session, "POST", "/actions", { action: "hand_back" });
    expect(handedBack.body.state).toEqual({ paused: false, human_owned: false, awaiting_human: false });
    expect((await h.store().getTicketState("101")).handedBackAt).toEqual(expect.any(String));
  });

  it("refuses an unknown action and a ticket id that is not a number", async () => {
    const h = await escalatedTicket();
    const session = await signedIn(h);
    expect((await api(h, session, "POST", "/actions", { action: "delete" })).body).toMatchObject({
      error: "invalid_action",
      field: "action",
    });
    const response = await h.runtime.app.request(
      "/zendesk-app/tickets/abc",
      { headers: { authorization: `Bearer ${session}` } },
      h.env,
    );
    expect(response.status).toBe(400);
  });
});

describe("the nav bar console (signed URL)", () => {
  const NAV_BAR = { location: "nav_bar" } as const;
  async function openConsole(h: Harness, token: string) {
    const response = await h.runtime.app.request(
      "/zendesk-app/console",
      { method: "POST", body: new URLSearchParams({ token }) },
      h.env,
    );
    return { response, page: await response.text() };
  }

  it("shows the signed-in console without the admin token, framed only by the Zendesk account", async () => {
    const h = await escalatedTicket();
    const { response, page } = await openConsole(h, await signedZafToken(zendesk.privateKey, NAV_BAR));
    expect(response.status).toBe(200);
    // The Overview, not the login form: the session started from Zendesk's token is signed in.
    expect(page).toContain("Sign out");
    expect(page).not.toContain('name="token"');
    expect(page).not.toContain(ADMIN_TOKEN);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors https://acme.zendesk.com");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^deskmate_console=[\w-]+\.[\w-]+; Path=\/admin;/);
    expect(cookie).toContain("HttpOnly; Secure; SameSite=None; Partitioned");

    // The same cookie is a console session at GET /admin too, framed by that Zendesk account only: the
    // session carries where it was opened (the browser sends its partitioned cookie only inside Zendesk).
    const again = await h.runtime.app.request("/admin", { headers: { cookie: cookie.split(";")[0] ?? "" } }, h.env);
    expect(await again.text()).toContain("Sign out");
    expect(again.headers.get("content-security-policy")).toContain("frame-ancestors https://acme.zendesk.com;");
  });

  it("refuses a token signed by another key with no session and no console", async () => {
    const h = await escalatedTicket();
    const { response, page } = await openConsole(h, await signedZafToken(stranger.privateKey, NAV_BAR));
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(page).not.toContain("Sign out");
  });
});
