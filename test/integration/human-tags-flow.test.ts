import { describe, expect, it } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { partTagged, userCreated } from "../support/intercom-events.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, tagsChanged } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";

const { zendesk, intercom } = useBothHelpdesks();

const answering: Decider = async () => ({
  outcome: "answer",
  reasons: [],
  customerMessage: "Refunds take 5 days.",
  addTags: [],
  removeTags: [],
  facts: { category: "billing", confidence: 0.9, usage: [], sources: [], knowledgeGap: false },
});

const TOKEN = "test-admin-token-0123456789";

function setup() {
  const db = sqliteD1();
  const h = createHarness({
    env: { DESKMATE_ADMIN_TOKEN: TOKEN, DESKMATE_MODE: "shadow", LEDGER: db as unknown as D1Database },
    decide: answering,
  });
  const ledger = d1Ledger(db);
  const range = { from: "2000-01-01T00:00:00.000Z", to: "2100-01-01T00:00:00.000Z" };
  const tagEvents = async (platform: "zendesk" | "intercom", account: string) =>
    (await ledger.lifecycle({ platform, account, ...range })).rows.filter((e) => e.kind === "tags_changed");
  const today = new Date().toISOString().slice(0, 10);
  /** The readiness answer's `human_tagged` per category. */
  const humanTagged = async (platform: string, account: string) => {
    const res = await h.runtime.app.request(
      `/admin/readiness?platform=${platform}&account=${account}&from=${today}&to=${today}`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
      h.env,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { categories: Array<{ category: string; human_tagged: unknown }> };
    return body.categories.map((c) => [c.category, c.human_tagged]);
  };
  return { h, tagEvents, humanTagged };
}

describe("Zendesk: an agent tags a ticket with a shadow decision", () => {
  const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

  it("stores the human's tags once; the assistant's own tag change stores nothing", async () => {
    const { h, tagEvents, humanTagged } = setup();
    const customer = zendesk.ticket(101).comments[0]?.id ?? 0;
    await h.deliver(commentAdded(T101, { id: customer, authorId: SANDBOX.customerWithOrgId, isStaff: false }));

    const own = tagsChanged(T101, { previous: [], current: ["deskmate_shadow"], actorId: SANDBOX.assistantId });
    expect((await h.deliver(own)).status).toBeLessThan(300);
    // The assistant's user changing a tag without the prefix is still the assistant's change.
    await h.deliver(tagsChanged(T101, { previous: [], current: ["vip"], actorId: SANDBOX.assistantId }));
    expect(await tagEvents("zendesk", "acme")).toEqual([]);
    expect(await humanTagged("zendesk", "acme")).toMatchObject([["billing", { count: 0, total: 1, top_tags: [] }]]);

    const human = tagsChanged(T101, {
      previous: ["deskmate_shadow", "vip"],
      current: ["deskmate_shadow", "refund_request", "deskmate_off"],
      actorId: SANDBOX.agentId,
    });
    await h.deliver(human);
    await h.deliver(human);
    expect(await tagEvents("zendesk", "acme")).toMatchObject([
      {
        ticketId: "101",
        eventId: `tags:${human.id}`,
        detail: JSON.stringify({ added: ["refund_request"], removed: ["vip"] }),
      },
    ]);
    expect(await humanTagged("zendesk", "acme")).toEqual([
      ["billing", expect.objectContaining({ count: 1, total: 1, top_tags: [{ tag: "refund_request", count: 1 }] })],
    ]);
  });
});

describe("Intercom: a teammate tags a conversation with a shadow decision", () => {
  it("stores the human's tag; the assistant's prefixed tag stores nothing", async () => {
    const { h, tagEvents, humanTagged } = setup();
    const contact = intercom.addContact("Tagged Customer");
    const conv = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: "Refund?" }] });
    const snapshot = { id: conv.id, contactId: contact.id, sourceId: conv.parts[0]?.id ?? "" };
    await h.deliverIntercom(userCreated(snapshot));
    const later = Math.floor(Date.now() / 1000) + 60;

    await h.deliverIntercom(partTagged(snapshot, ["deskmate_shadow"], { createdAt: later }));
    expect(await tagEvents("intercom", TEST_INTERCOM_APP_ID)).toEqual([]);

    const human = partTagged(snapshot, ["refund_request"], { createdAt: later + 1 });
    await h.deliverIntercom(human);
    expect(await tagEvents("intercom", TEST_INTERCOM_APP_ID)).toMatchObject([
      {
        ticketId: conv.id,
        eventId: `tags:${human.id}`,
        detail: JSON.stringify({ added: ["refund_request"], removed: [] }),
      },
    ]);
    expect(await humanTagged("intercom", TEST_INTERCOM_APP_ID)).toEqual([
      ["billing", expect.objectContaining({ count: 1, total: 1, top_tags: [{ tag: "refund_request", count: 1 }] })],
    ]);
  });
});
