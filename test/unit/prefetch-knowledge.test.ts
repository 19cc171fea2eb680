import { describe, expect, it } from "vitest";
import { defaultSettings, type Settings } from "../../src/config/settings-schema.ts";
import type { SupportEvent } from "../../src/domain/support-event.ts";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";
import type { Knowledge, Passage } from "../../src/ports/knowledge.ts";
import type { Model } from "../../src/ports/model.ts";
import { knowledgePrefetcher } from "../../src/pipeline/prefetch-knowledge.ts";

const REFUNDS: Passage = { id: "zd-article:1#1", title: "Refunds", url: "", updatedAt: null, text: "30 days." };

/** A help center that answers every search with one passage and keeps what it was asked. */
function helpCenter() {
  const asked: Array<{ query: string; locale: string | null }> = [];
  const knowledge: Knowledge = {
    search: async (query, options = {}) => {
      asked.push({ query, locale: options.locale ?? null });
      return [REFUNDS];
    },
  };
  return { knowledge, asked };
}

const model: Model = { propose: async () => ({ ok: false, failure: "timeout" }) as never };
const event = (messageExcerpt?: string): SupportEvent => ({
  platform: "intercom",
  accountId: "w1",
  deliveryId: "n1",
  eventId: "n1",
  kind: "comment_added",
  ticketId: "101",
  occurredAt: "2026-12-01T10:00:00Z",
  source: "event_subscription",
  ...(messageExcerpt === undefined ? {} : { messageExcerpt }),
});
const state = emptyTicketState();
const settings: Settings = defaultSettings;
const limit = settings.knowledgeMaxPassages;

describe("knowledgePrefetcher", () => {
  it("hands its passages to the same masked query up to white space, limit and locale, once searched", async () => {
    const { knowledge, asked } = helpCenter();
    const prefetch = knowledgePrefetcher({ knowledge, model })(event("Can I  get a\nrefund?"), settings, state);
    expect(await prefetch?.take("Can I get a refund?", limit, null)).toEqual([REFUNDS]);
    expect(asked).toEqual([{ query: "Can I  get a\nrefund?", locale: null }]);
  });

  it("gives nothing for another message, another limit or another locale: the engine searches again", () => {
    const { knowledge } = helpCenter();
    const start = knowledgePrefetcher({ knowledge, model });
    expect(start(event("Can I get a refund?"), settings, state)?.take("Where is my parcel?", limit, null)).toBeNull();
    expect(
      start(event("Can I get a refund?"), settings, state)?.take("Can I get a refund?", limit + 1, null),
    ).toBeNull();
    expect(start(event("Can I get a refund?"), settings, state)?.take("Can I get a refund?", limit, "de")).toBeNull();
  });

  it("guesses the locale the account's last search used", async () => {
    const { knowledge, asked } = helpCenter();
    const start = knowledgePrefetcher({ knowledge, model });
    start(event("Can I get a refund?"), settings, state)?.take("Can I get a refund?", limit, "en-us");
    const second = start(event("Can I get a refund?"), settings, state);
    expect(await second?.take("Can I get a refund?", limit, "en-us")).toEqual([REFUNDS]);
    expect(asked.map((a) => a.locale)).toEqual([null, "en-us"]);
  });

  it("masks card numbers before the text leaves for the help center", () => {
    const { knowledge, asked } = helpCenter();
    knowledgePrefetcher({ knowledge, model })(event("Refund to card 4111 1111 1111 1111 please"), settings, state);
    expect(asked[0]?.query).not.toContain("4111 1111 1111 1111");
  });

  it.each([
    ["no text on the event", event(), settings, state],
    ["a request for a person", event("I want to talk to a real person"), settings, state],
    ["a sensitive topic that escalates", event("My father passed away, close his account"), settings, state],
    ["mode off", event("Can I get a refund?"), { ...settings, mode: "off" as const }, state],
    ["a ticket waiting for a person", event("Can I get a refund?"), settings, { ...state, awaitingHumanSince: "x" }],
    ["a human-owned ticket", event("Can I get a refund?"), settings, { ...state, humanOwned: true }],
    ["a closed ticket", { ...event("Can I get a refund?"), ticketStatus: "closed" }, settings, state],
  ])("starts no search for %s", (_name, e, s, st) => {
    const { knowledge, asked } = helpCenter();
    expect(knowledgePrefetcher({ knowledge, model })(e, s, st)).toBeNull();
    expect(asked).toEqual([]);
  });

  it("starts no search without a model or without knowledge: the engine would not search either", () => {
    const { knowledge, asked } = helpCenter();
    expect(knowledgePrefetcher({ knowledge, model: null })(event("Can I get a refund?"), settings, state)).toBeNull();
    expect(knowledgePrefetcher({ knowledge: null, model })(event("Can I get a refund?"), settings, state)).toBeNull();
    expect(asked).toEqual([]);
  });
});
