import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeIntercomEvent } from "../../src/platforms/intercom/normalize-intercom-event.ts";
import { normalizeZendeskEvent } from "../../src/platforms/zendesk/normalize-zendesk-event.ts";
import {
  parseZendeskPayload,
  ZENDESK_CSAT_TRIGGER_TEMPLATE,
} from "../../src/platforms/zendesk/zendesk-event-schema.ts";

type Json = Record<string, any>;
const read = (platform: string, name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/${platform}/${name}.json`, import.meta.url), "utf8")) as Json;
const delivery = { invocationId: "inv-1", triggerAccount: "acme" };

/** A Zendesk event-subscription payload of another type, on the status-changed envelope. */
function zendeskChange(type: string, event: Json): Json {
  return { ...read("zendesk", "status-changed"), type: `zen:event-type:ticket.${type}`, event };
}

function csatTrigger(rating: string): Json {
  return {
    deskmate_trigger: 1,
    event: "rating_added",
    ticket: { id: "5158", status: "Solved", requester_id: "9000000000001", updated_at: "2026-11-23T10:02Z" },
    satisfaction: { rating },
  };
}

describe("Zendesk lifecycle webhooks", () => {
  it("maps agent_assignment_changed to an agent assignment (recorded, not a takeover)", () => {
    const event = normalizeZendeskEvent(
      zendeskChange("agent_assignment_changed", { previous: null, current: "9000000000077" }),
      delivery,
    );
    expect(event).toMatchObject({ kind: "assignment_changed", assignee: { type: "agent", id: "9000000000077" } });
  });

  it("maps an unassignment to assignee none", () => {
    const payload = zendeskChange("agent_assignment_changed", { previous: "9000000000077", current: null });
    payload.detail.assignee_id = null;
    expect(normalizeZendeskEvent(payload, delivery)).toMatchObject({ assignee: { type: "none", id: null } });
  });

  it("maps group_assignment_changed to the new group id", () => {
    const event = normalizeZendeskEvent(
      zendeskChange("group_assignment_changed", { previous: "360000000401", current: 360000000402 }),
      delivery,
    );
    expect(event).toMatchObject({ kind: "assignment_changed", groupId: "360000000402" });
    expect(event).not.toHaveProperty("assignee");
  });

  it("refuses an assignment change whose ids are not numeric, naming the field", () => {
    const parsed = parseZendeskPayload(zendeskChange("group_assignment_changed", { current: "sales team" }));
    expect(parsed).toMatchObject({ result: "invalid", fields: ["event.current"] });
  });

  it.each([
    ["good", "good"],
    ["bad", "bad"],
    ["Good, I'm satisfied", "good"],
    ["Bad, I'm unsatisfied", "bad"],
  ])("reads a CSAT trigger rating %j as %s, one event id per verdict", (rating, verdict) => {
    expect(normalizeZendeskEvent(csatTrigger(rating), delivery)).toMatchObject({
      kind: "rating_added",
      ticketId: "5158",
      rating: verdict,
      eventId: `trigger:rating_added:5158:${verdict}`,
      accountId: "acme",
    });
  });

  it.each([
    ["Offered", "satisfaction.rating"],
    ["", "satisfaction.rating"],
  ])("refuses CSAT rating %j with the field named", (rating, field) => {
    expect(parseZendeskPayload(csatTrigger(rating))).toMatchObject({ result: "invalid", fields: [field] });
  });

  it("requires the rating on a rating_added trigger", () => {
    const { satisfaction: _none, ...payload } = csatTrigger("good");
    expect(parseZendeskPayload(payload)).toMatchObject({ result: "invalid", fields: ["satisfaction.rating"] });
  });

  it("exports a CSAT template whose placeholders, rendered, parse", () => {
    const rendered = ZENDESK_CSAT_TRIGGER_TEMPLATE.replace(/\{\{([^}]+)\}\}/g, (_m, name: string) =>
      name === "satisfaction.current_rating"
        ? "Good, I'm satisfied"
        : name === "ticket.updated_at_with_timestamp"
          ? "2026-11-23T10:02Z"
          : name === "ticket.organization.id"
            ? ""
            : "123",
    );
    expect(normalizeZendeskEvent(JSON.parse(rendered), delivery)).toMatchObject({
      kind: "rating_added",
      rating: "good",
    });
  });
});

describe("Intercom lifecycle webhooks", () => {
  it("maps conversation.admin.closed to a solve", () => {
    expect(normalizeIntercomEvent(read("intercom", "admin-closed"))).toMatchObject({
      kind: "status_changed",
      ticketId: "215474343849634",
      statusChange: { current: "solved" },
    });
  });

  it("maps conversation.admin.opened to a reopen", () => {
    const payload = { ...read("intercom", "admin-closed"), topic: "conversation.admin.opened" };
    expect(normalizeIntercomEvent(payload)).toMatchObject({
      kind: "status_changed",
      statusChange: { previous: "solved", current: "open" },
    });
  });

  it("still ignores topics it does not use", () => {
    const payload = { ...read("intercom", "admin-closed"), topic: "conversation.admin.snoozed" };
    expect(normalizeIntercomEvent(payload)).toEqual({ ignored: "conversation.admin.snoozed" });
  });

  it.each([
    [5, "good"],
    [4, "good"],
    [3, undefined],
    [2, "bad"],
    [1, "bad"],
  ])("maps a rating of %i stars to %s", (stars, verdict) => {
    const payload = read("intercom", "rating-added");
    payload.data.item.conversation_rating.rating = stars;
    const event = normalizeIntercomEvent(payload);
    expect(event).toMatchObject({ kind: "rating_added" });
    if (verdict === undefined) expect(event).not.toHaveProperty("rating");
    else expect(event).toMatchObject({ rating: verdict });
  });

  it("refuses a rating outside 1-5, naming the field", () => {
    const payload = read("intercom", "rating-added");
    payload.data.item.conversation_rating.rating = 7;
    expect(() => normalizeIntercomEvent(payload)).toThrow(/data\.item\.conversation_rating\.rating/);
  });
});
