import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { skipped } from "../../src/domain/event-result.ts";
import { queueMessageBody } from "../../src/domain/queue-message.ts";
import { MAX_TAG_CHANGE, type SupportEvent } from "../../src/domain/support-event.ts";
import { lifecycleFacts } from "../../src/pipeline/record-lifecycle.ts";
import { normalizeIntercomEvent } from "../../src/platforms/intercom/normalize-intercom-event.ts";
import { normalizeZendeskEvent } from "../../src/platforms/zendesk/normalize-zendesk-event.ts";

type Json = Record<string, any>;
const read = (platform: string, name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/${platform}/${name}.json`, import.meta.url), "utf8")) as Json;
const delivery = { invocationId: "inv-1", triggerAccount: "acme" };
const ASSISTANT = "9000000000900";
const PREFIX = "deskmate_";

function zendesk(payload: Json): SupportEvent {
  const event = normalizeZendeskEvent(payload, delivery);
  if ("ignored" in event) throw new Error(`ignored: ${event.ignored}`);
  return event;
}

function intercom(payload: Json): SupportEvent {
  const event = normalizeIntercomEvent(payload);
  if ("ignored" in event) throw new Error(`ignored: ${event.ignored}`);
  return event;
}

const facts = (event: SupportEvent) =>
  lifecycleFacts(event, ASSISTANT, skipped("tags_changed"), PREFIX).map((f) => [f.kind, f.eventId, f.detail]);

describe("Zendesk ticket.tags_changed", () => {
  it("diffs previous and current into added and removed tags, with the actor", () => {
    expect(zendesk(read("zendesk", "tags-changed"))).toMatchObject({
      kind: "tags_changed",
      ticketId: "5158",
      eventId: "c3d4e5f6-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
      tagsChange: { added: ["refund_request"], removed: ["vip"], actorId: "9000000000077" },
    });
  });

  it("reads tags_added / tags_removed when Zendesk sends those instead", () => {
    const payload = read("zendesk", "tags-changed");
    payload.event = { tags_added: ["refund_request"], tags_removed: [] };
    expect(zendesk(payload).tagsChange).toMatchObject({ added: ["refund_request"], removed: [] });
  });

  it("keeps at most MAX_TAG_CHANGE tag names, whatever the payload held", () => {
    const payload = read("zendesk", "tags-changed");
    payload.event = { previous: [], current: Array.from({ length: 3000 }, (_, i) => `tag_${i}`) };
    const event = zendesk(payload);
    expect(event.tagsChange?.added).toHaveLength(MAX_TAG_CHANGE);
    expect(queueMessageBody(event, "2026-11-22T08:30:12Z").event.tagsChange?.added).toHaveLength(MAX_TAG_CHANGE);
  });

  it("records the human's change once per event, without the assistant's prefixed tags", () => {
    const payload = read("zendesk", "tags-changed");
    payload.event.current.push("deskmate_escalated");
    expect(facts(zendesk(payload))).toEqual([
      [
        "tags_changed",
        "tags:c3d4e5f6-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        JSON.stringify({ added: ["refund_request"], removed: ["vip"] }),
      ],
    ]);
  });

  it("records nothing for the assistant's own tag change", () => {
    const payload = read("zendesk", "tags-changed");
    payload.detail.actor_id = ASSISTANT;
    expect(facts(zendesk(payload))).toEqual([]);
  });

  it("records nothing when only prefixed tags changed", () => {
    const payload = read("zendesk", "tags-changed");
    payload.event = { previous: [], current: ["deskmate_shadow", "Deskmate_Arm_Control"] };
    expect(facts(zendesk(payload))).toEqual([]);
  });

  it("carries the tag change through the queue message", () => {
    const event = zendesk(read("zendesk", "tags-changed"));
    expect(queueMessageBody(event, "2026-11-22T08:30:12Z").event.tagsChange).toEqual(event.tagsChange);
  });
});

describe("Intercom conversation_part.tag.created", () => {
  it("reads the tagged part's tags as added, with no actor", () => {
    const event = intercom(read("intercom", "part-tagged"));
    expect(event).toMatchObject({
      kind: "tags_changed",
      ticketId: "215474343849634",
      tagsChange: { added: ["refund_request"], removed: [] },
    });
    expect(event.tagsChange).not.toHaveProperty("actorId");
  });

  it("records the human's tag, keyed by the notification id", () => {
    expect(facts(intercom(read("intercom", "part-tagged")))).toEqual([
      [
        "tags_changed",
        "tags:notif_7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
        JSON.stringify({ added: ["refund_request"], removed: [] }),
      ],
    ]);
  });

  it("records nothing for the assistant's own prefixed tag", () => {
    const payload = read("intercom", "part-tagged");
    payload.data.item.conversation_parts.conversation_parts[0].tags = [{ id: "8002", name: "deskmate_escalated" }];
    expect(facts(intercom(payload))).toEqual([]);
  });

  it("records nothing when no part carries tags", () => {
    const payload = read("intercom", "part-tagged");
    delete payload.data.item.conversation_parts.conversation_parts[0].tags;
    expect(facts(intercom(payload))).toEqual([]);
  });
});
