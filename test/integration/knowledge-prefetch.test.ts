import { http } from "msw";
import { describe, expect, it } from "vitest";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { userReplied } from "../support/intercom-events.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";

const { zendesk, intercom, server } = useBothHelpdesks();

const withModel = { ANTHROPIC_API_KEY: "test-key" };
const ANSWER = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
const HUMAN = SCENARIOS.findIndex((s) => s.name === "customer asks for a person");

/**
 * Holds the answer to the ticket read until a knowledge search has arrived (or a second has passed),
 * and tells whether it had: with the search in the read wave it arrives while the read is held; when
 * the search waits for the read, it cannot.
 */
function searchDuringRead(read: RegExp, search: RegExp) {
  const seen = { searchStarted: false, searchDuringRead: null as boolean | null };
  const searched: Array<() => void> = [];
  server.use(
    http.get(search, () => {
      seen.searchStarted = true;
      for (const wake of searched.splice(0)) wake();
      return undefined;
    }),
    http.get(read, async () => {
      if (!seen.searchStarted) {
        await new Promise<void>((resolve) => {
          searched.push(resolve);
          setTimeout(resolve, 1000);
        });
      }
      seen.searchDuringRead ??= seen.searchStarted;
      return undefined;
    }),
  );
  return seen;
}

const articleSearches = () => intercom.requests.filter((r) => r.path === "/articles/search");

describe("the knowledge search in the read wave (Intercom)", () => {
  it("searches with the webhook's message text while the conversation is read, once", async () => {
    const seen = searchDuringRead(/\/conversations\/\d+$/, /\/articles\/search/);
    const h = createHarness({ env: withModel });
    const { payload } = stageIntercomScenario(intercom, SCENARIOS[ANSWER]!, ANSWER);
    expect((await h.deliverIntercom(payload)).status).toBe(202);

    expect(seen.searchDuringRead).toBe(true);
    expect(articleSearches()).toHaveLength(1);
    expect(articleSearches()[0]?.query.phrase).toBe(SCENARIOS[ANSWER]!.turns.at(-1)?.text);
    expect(h.handled()[0]).toMatchObject(SCENARIOS[ANSWER]!.expect);
  });

  it("searches again with the message it selected when the webhook's text was another message", async () => {
    const h = createHarness({ env: withModel });
    const { payload } = stageIntercomScenario(intercom, SCENARIOS[ANSWER]!, ANSWER);
    // A late notification: its text is an older message, not the conversation's newest.
    payload.data.item.source.body = "Do you ship to Canada?";
    expect((await h.deliverIntercom(payload)).status).toBe(202);

    expect(articleSearches().map((r) => r.query.phrase)).toEqual([
      "Do you ship to Canada?",
      SCENARIOS[ANSWER]!.turns.at(-1)?.text,
    ]);
    expect(h.handled()[0]).toMatchObject(SCENARIOS[ANSWER]!.expect);
  });

  it("starts no search for a text that escalates on its own (a request for a person)", async () => {
    const h = createHarness({ env: withModel });
    const { payload } = stageIntercomScenario(intercom, SCENARIOS[HUMAN]!, HUMAN);
    expect(payload.data.item.source.body).toBe(SCENARIOS[HUMAN]!.turns.at(-1)?.text);
    expect((await h.deliverIntercom(payload)).status).toBe(202);

    expect(articleSearches()).toHaveLength(0);
    expect(h.handled()[0]).toMatchObject(SCENARIOS[HUMAN]!.expect);
  });

  it("starts no search for a follow-up on a conversation that waits for a person", async () => {
    const h = createHarness({ env: withModel });
    const { conversationId, payload } = stageIntercomScenario(intercom, SCENARIOS[HUMAN]!, HUMAN);
    expect((await h.deliverIntercom(payload)).status).toBe(202);
    expect(h.handled()[0]).toMatchObject({ outcome: "escalate" });
    const contactId = payload.data.item.contacts.contacts[0]!.id;
    const body = "Where is my parcel? It was due on Monday.";
    const part = intercom.addPart(conversationId, { author: "user", body }).parts.at(-1)!;
    expect(
      (await h.deliverIntercom(userReplied({ id: conversationId, contactId }, { id: part.id, body }))).status,
    ).toBe(202);

    expect(h.handled().at(-1)).toMatchObject({ outcome: "skip", reasons: ["awaiting_human"] });
    expect(articleSearches()).toHaveLength(0);
  });

  it("still answers from a notification without text (older queue messages): one search after the read", async () => {
    const seen = searchDuringRead(/\/conversations\/\d+$/, /\/articles\/search/);
    const h = createHarness({ env: withModel });
    const { payload } = stageIntercomScenario(intercom, SCENARIOS[ANSWER]!, ANSWER);
    delete (payload.data.item.source as { body?: string }).body;
    expect((await h.deliverIntercom(payload)).status).toBe(202);

    expect(seen.searchDuringRead).toBe(false);
    expect(articleSearches()).toHaveLength(1);
    expect(h.handled()[0]).toMatchObject(SCENARIOS[ANSWER]!.expect);
  });
});

describe("the knowledge search in the read wave (Zendesk event subscription)", () => {
  it("searches the Help Center with the comment's text while the ticket is read, in the locale last used", async () => {
    const h = createHarness({ env: withModel });
    const scenario = SCENARIOS[ANSWER]!;
    const deliverComment = async () => {
      const { ticketId, requesterId } = stageScenario(zendesk, scenario, ANSWER);
      const last = zendesk.ticket(ticketId).comments.at(-1)!;
      const text = scenario.turns.at(-1)!.text;
      const event = commentAdded(
        { id: ticketId, requesterId },
        { id: last.id, authorId: requesterId, isStaff: false, body: text },
      );
      expect((await h.deliver(event)).status).toBe(202);
    };
    const searches = (from: number) =>
      zendesk.requests.slice(from).filter((r) => r.path.startsWith("/api/v2/help_center/articles/search"));

    // The account's first message: the requester's locale (en-us) is unknown before the read, so the
    // search without one is not used and the localized search follows the read.
    await deliverComment();
    expect(searches(0).map((r) => r.query.locale ?? null)).toEqual([null, "en-us"]);
    // From the next message on the search guesses that locale and runs beside the ticket read.
    const from = zendesk.requests.length;
    const seen = searchDuringRead(/\/api\/v2\/tickets\/\d+(\.json)?$/, /\/help_center\/articles\/search/);
    await deliverComment();
    expect(seen.searchDuringRead).toBe(true);
    expect(searches(from).map((r) => r.query.locale ?? null)).toEqual(["en-us"]);
    expect(h.handled().map((r) => ({ outcome: r.outcome, reasons: r.reasons }))).toEqual([
      scenario.expect,
      scenario.expect,
    ]);
  });

  it("searches with a new ticket's description while the ticket is read", async () => {
    const h = createHarness({ env: withModel });
    const scenario = SCENARIOS[ANSWER]!;
    const text = scenario.turns.at(-1)!.text;
    const deliverNew = async () => {
      const { ticketId, requesterId } = stageScenario(zendesk, scenario, ANSWER);
      expect((await h.deliver(ticketCreated({ id: ticketId, requesterId, description: text }))).status).toBe(202);
    };
    await deliverNew(); // learns the account's locale
    const seen = searchDuringRead(/\/api\/v2\/tickets\/\d+(\.json)?$/, /\/help_center\/articles\/search/);
    await deliverNew();
    expect(seen.searchDuringRead).toBe(true);
    expect(h.handled().at(-1)).toMatchObject(scenario.expect);
  });

  it("reads first and searches after when the delivery carries no text (a trigger body, an older message)", async () => {
    const seen = searchDuringRead(/\/api\/v2\/tickets\/\d+(\.json)?$/, /\/help_center\/articles\/search/);
    const h = createHarness({ env: withModel });
    const { ticketId, requesterId } = stageScenario(zendesk, SCENARIOS[ANSWER]!, ANSWER);
    expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);

    expect(seen.searchDuringRead).toBe(false);
    expect(h.handled()[0]).toMatchObject(SCENARIOS[ANSWER]!.expect);
  });
});
