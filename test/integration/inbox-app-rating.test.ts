import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { emptyTicketState, type TicketState } from "../../src/domain/ticket-state.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { decision } from "../support/ledger-rows.ts";
import { useMswServer } from "../support/msw-server.ts";
import { TEST_INTERCOM_CLIENT_SECRET } from "../support/signed-intercom-request.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

// No handlers: rating reads and writes the ledger only; any outbound request fails the test.
useMswServer();

type Json = Record<string, any>;
const WS = "ecahpwf5";
const CONVERSATION = "215468421548";
const ADMIN = "7430198";
const ESCALATION = "notif_esc_1";

const handoff: Handoff = {
  reasons: [{ code: "fraud", text: "Possible fraud or unauthorized charge." }],
  urgency: "urgent",
  customerWants: "There is a charge I did not make.",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: ["Two charges of 49.00 on 2026-11-18."],
  sourcesChecked: [],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "Verify the charges with the customer and open a dispute.",
  missing: [],
};

const escalatedState = (eventId = ESCALATION): TicketState => ({
  ...emptyTicketState(),
  history: [
    { at: "2026-11-20T10:00:00.000Z", eventId: "notif_ans_0", outcome: "answer", reasons: [] },
    { at: "2026-11-20T10:02:45.000Z", eventId, outcome: "escalate", reasons: ["fraud"] },
  ],
  lastHandoff: handoff,
});

async function setup(state: TicketState, options: { ledger?: boolean } = {}) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  await ledger.recordDecision(
    decision({
      platform: "intercom",
      account: WS,
      ticketId: CONVERSATION,
      eventId: ESCALATION,
      outcome: "escalate",
      reasons: ["fraud"],
      publicReply: false,
      handoff,
    }),
  );
  const h = createHarness({ ledgerDb: options.ledger === false ? null : db });
  const store = new StateStore(h.kv, { platform: "intercom", account: WS });
  await store.putTicketState(CONVERSATION, state);
  // Signed independently of the code under test: node:crypto, hex digest of the exact body bytes.
  const post = async (route: "initialize" | "submit", extra: Json = {}, admin = ADMIN) => {
    const raw = JSON.stringify({
      workspace_id: WS,
      admin: { id: admin, type: "admin" },
      conversation: { id: CONVERSATION, type: "conversation" },
      context: { location: "conversation_details_sidebar" },
      ...extra,
    });
    const signature = createHmac("sha256", TEST_INTERCOM_CLIENT_SECRET).update(raw, "utf8").digest("hex");
    const response = await h.runtime.app.request(
      `/intercom/canvas/${route}`,
      { method: "POST", headers: { "content-type": "application/json", "x-body-signature": signature }, body: raw },
      h.env,
    );
    return { status: response.status, body: (await response.json()) as Json };
  };
  const click = (componentId: string, admin?: string) =>
    post("submit", { component_id: componentId, input_values: {}, current_canvas: {} }, admin);
  const rating = (rater = ADMIN) => ledger.handoffRating({ platform: "intercom", account: WS }, ESCALATION, rater);
  return { post, click, rating, db, lines: h.lines };
}

const components = (body: Json): Json[] => body.canvas.content.components as Json[];
const buttonIds = (body: Json) =>
  components(body)
    .filter((c) => c.type === "button")
    .map((c) => c.id as string);
const allText = (body: Json) =>
  components(body)
    .filter((c) => c.type === "text")
    .map((c) => c.text as string)
    .join("\n");

describe("rating the handoff from the Intercom inbox app", () => {
  it("shows the three rating buttons under an escalation's handoff", async () => {
    const { post } = await setup(escalatedState());
    const { status, body } = await post("initialize");
    expect(status).toBe(200);
    expect(allText(body)).toContain("Rate this handoff");
    expect(buttonIds(body)).toEqual(["rate:useful", "rate:missing_section", "rate:wrong_escalation", "pause"]);
  });

  it("records Useful for the teammate and says so with the current rating", async () => {
    const { click, rating } = await setup(escalatedState());
    const { status, body } = await click("rate:useful");
    expect(status).toBe(200);
    expect(allText(body)).toContain("Thanks — recorded.");
    expect(allText(body)).toContain("**Your rating:** Useful.");
    expect(await rating()).toMatchObject({ decisionEventId: ESCALATION, rating: "useful", rater: ADMIN });
  });

  it("asks which section was missing, then records it, replacing the earlier rating", async () => {
    const { click, rating, post } = await setup(escalatedState());
    await click("rate:useful");
    const picker = await click("rate:missing_section");
    expect(buttonIds(picker.body)).toContain("rate:missing_section:facts");
    expect(buttonIds(picker.body)).toContain("rate:missing_section:next_step");
    // Opening the picker changes nothing yet.
    expect((await rating())?.rating).toBe("useful");
    const done = await click("rate:missing_section:facts");
    expect(allText(done.body)).toContain("**Your rating:** Missing something: Facts.");
    expect((await rating())?.rating).toBe("missing_section:facts");
    // Reopening the app shows the teammate's rating.
    expect(allText((await post("initialize")).body)).toContain("**Your rating:** Missing something: Facts.");
  });

  it("records a wrong escalation with what should have happened, per teammate", async () => {
    const { click, rating, db } = await setup(escalatedState());
    const picker = await click("rate:wrong_escalation");
    expect(buttonIds(picker.body)).toEqual(
      expect.arrayContaining(["rate:wrong_escalation:should_have_answered", "rate:wrong_escalation:should_have_asked"]),
    );
    await click("rate:wrong_escalation:should_have_asked");
    await click("rate:useful", "8811");
    expect((await rating())?.rating).toBe("wrong_escalation:should_have_asked");
    expect((await rating("8811"))?.rating).toBe("useful");
    expect(db.database.prepare("SELECT COUNT(*) AS n FROM handoff_ratings").get()).toEqual({ n: 2 });
  });

  it("shows no rating buttons on a conversation that was never escalated, and records nothing", async () => {
    const { post, click, db } = await setup({
      ...emptyTicketState(),
      history: [{ at: "2026-11-20T10:00:00.000Z", eventId: "notif_ans_0", outcome: "answer", reasons: [] }],
    });
    expect(buttonIds((await post("initialize")).body)).toEqual(["pause"]);
    expect((await click("rate:useful")).status).toBe(200);
    expect(db.database.prepare("SELECT COUNT(*) AS n FROM handoff_ratings").get()).toEqual({ n: 0 });
  });

  it("says the rating was not recorded when the escalation is not in the ledger", async () => {
    const { click, db } = await setup(escalatedState("notif_unknown"));
    const { body } = await click("rate:useful");
    expect(allText(body)).toContain("not recorded");
    expect(allText(body)).not.toContain("Thanks");
    expect(db.database.prepare("SELECT COUNT(*) AS n FROM handoff_ratings").get()).toEqual({ n: 0 });
  });

  it("keeps the canvas working without a ledger: no rating buttons", async () => {
    const { post } = await setup(escalatedState(), { ledger: false });
    const { status, body } = await post("initialize");
    expect(status).toBe(200);
    expect(buttonIds(body)).toEqual(["pause"]);
  });
});
