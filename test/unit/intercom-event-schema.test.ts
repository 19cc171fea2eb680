import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { InvalidIntercomPayloadError } from "../../src/platforms/intercom/invalid-intercom-payload-error.ts";
import { parseIntercomPayload } from "../../src/platforms/intercom/intercom-event-schema.ts";
import { normalizeIntercomEvent } from "../../src/platforms/intercom/normalize-intercom-event.ts";
import { adminAssigned, adminNoted, adminReplied, userCreated, userReplied } from "../support/intercom-events.ts";

type Json = Record<string, any>;
const FIXTURES = [
  "user-created",
  "user-replied",
  "admin-replied",
  "admin-noted",
  "admin-assigned",
  "rating-added",
  "ping",
  "admin-closed",
];
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/intercom/${name}.json`, import.meta.url), "utf8")) as Json;
const conv = { id: "215474343849634", contactId: "6762f0b31bb69f9f2193bc21" };

function invalid(json: unknown): InvalidIntercomPayloadError {
  try {
    normalizeIntercomEvent(json);
  } catch (error) {
    if (error instanceof InvalidIntercomPayloadError) return error;
    throw error;
  }
  throw new Error("expected InvalidIntercomPayloadError");
}

describe("parseIntercomPayload", () => {
  it.each([
    ["user-created", "event"],
    ["user-replied", "event"],
    ["admin-replied", "event"],
    ["admin-noted", "event"],
    ["admin-assigned", "event"],
    ["rating-added", "event"],
    ["ping", "ping"],
    ["admin-closed", "event"],
  ])("classifies %s as %s", (name, result) => {
    expect(parseIntercomPayload(fixture(name)).result).toBe(result);
  });

  it("ignores unhandled topics without validating them, and names the topic", () => {
    expect(parseIntercomPayload({ topic: "contact.user.created", data: 42 })).toEqual({
      result: "ignored",
      topic: "contact.user.created",
    });
    expect(parseIntercomPayload({ topic: "conversation.operator.replied" })).toMatchObject({ result: "ignored" });
  });

  it("recognizes ping even with a null id and no conversation", () => {
    expect(parseIntercomPayload(fixture("ping"))).toEqual({ result: "ping" });
    expect(normalizeIntercomEvent(fixture("ping"))).toEqual({ ignored: "ping" });
  });

  it.each([[null], [[]], ["text"], [42]])("rejects non-object body %j", (json) => {
    expect(parseIntercomPayload(json)).toMatchObject({ result: "invalid", fields: ["(root)"] });
  });

  it("rejects a body without a string topic", () => {
    expect(parseIntercomPayload({ type: "notification_event", topic: 7 })).toMatchObject({
      result: "invalid",
      fields: ["topic"],
    });
  });

  it("names every failing field of a handled topic, never its values", () => {
    const payload = fixture("user-replied");
    payload.app_id = "a b/{c}";
    payload.data.item.id = "not-a-number";
    payload.created_at = "yesterday";
    delete payload.id;
    const error = invalid(payload);
    expect(error.status).toBe(400);
    expect(error.fields).toEqual(expect.arrayContaining(["app_id", "data.item.id", "created_at", "id"]));
    expect(error.message).not.toContain("not-a-number");
    expect(error.message).not.toContain("a b/{c}");
  });

  it("rejects a conversation id that cannot be a store key or an API path", () => {
    const payload = fixture("admin-assigned");
    payload.data.item.id = "../../admins";
    expect(invalid(payload).fields).toEqual(["data.item.id"]);
  });
});

/** The fixtures must stay realistic: their conversation validates against Intercom's own 2.16 schema. */
describe("fixtures against the Intercom 2.16 Conversation schema", () => {
  const specFile = fileURLToPath(new URL("../shared/specs/intercom-api-2.16.yaml", new URL("../../", import.meta.url)));
  const present = existsSync(specFile);
  if (!present)
    console.warn(`${specFile} not found (../shared/specs relative to the repository root): spec check skipped.`);

  it.skipIf(!present)("every conversation fixture validates", () => {
    const doc = YAML.parse(readFileSync(specFile, "utf8"), { version: "1.2" }) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });
    ajv.addSchema(nullableWithoutType(doc) as object, "intercom");
    const validate = ajv.getSchema("intercom#/components/schemas/conversation");
    for (const name of FIXTURES.filter((n) => n !== "ping" && n !== "admin-closed")) {
      const ok = validate?.(fixture(name).data.item);
      expect({ name, ok, errors: ok ? null : validate?.errors }).toEqual({ name, ok: true, errors: null });
    }
  });
});

/**
 * The spec puts `nullable` beside `$ref`/`allOf` without a `type`, which Ajv refuses: rewrite
 * `nullable: true` there as `anyOf: [schema, {type: "null"}]` and drop `nullable: false`.
 */
function nullableWithoutType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableWithoutType);
  if (typeof node !== "object" || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, nullableWithoutType(value)]));
  if (!("nullable" in out) || "type" in out) return out;
  const { nullable, ...rest } = out;
  return nullable === true ? { anyOf: [rest, { type: "null" }] } : rest;
}

/** The customer-written texts of the fixtures: the only text an event may carry (`messageExcerpt`). */
const CUSTOMER_MESSAGES = [
  "Hi, I was charged twice for my November invoice. Can you refund one of them?",
  "Any update? I still see both charges on my card.",
];

describe("normalizeIntercomEvent", () => {
  it("turns a user reply into comment_added with the contact's part", () => {
    expect(normalizeIntercomEvent(fixture("user-replied"))).toEqual({
      platform: "intercom",
      accountId: "dmtest42",
      deliveryId: "notif_4e3504a3-ba3f-46dc-ab48-8e4d5bdfdf4e",
      eventId: "notif_4e3504a3-ba3f-46dc-ab48-8e4d5bdfdf4e",
      kind: "comment_added",
      ticketId: "215474343849634",
      occurredAt: new Date(1795424165 * 1000).toISOString(),
      source: "event_subscription",
      requesterId: "6762f0b31bb69f9f2193bc21",
      ticketStatus: "open",
      comment: { id: "45763812690", authorId: "6762f0b31bb69f9f2193bc21", isPublic: true, authorIsStaff: false },
      messageExcerpt: "Any update? I still see both charges on my card.",
    });
  });

  it("carries the customer's text of a new conversation, never an admin's nor one over 1,000 characters", () => {
    expect(normalizeIntercomEvent(fixture("user-created"))).toMatchObject({
      messageExcerpt: "Hi, I was charged twice for my November invoice. Can you refund one of them?",
    });
    expect(normalizeIntercomEvent(fixture("admin-replied"))).not.toHaveProperty("messageExcerpt");
    const long = fixture("user-replied");
    for (const part of long.data.item.conversation_parts.conversation_parts) part.body = "x".repeat(1001);
    expect(normalizeIntercomEvent(long)).not.toHaveProperty("messageExcerpt");
  });

  it("turns a new conversation into ticket_created, its source as the customer's comment", () => {
    expect(normalizeIntercomEvent(fixture("user-created"))).toMatchObject({
      kind: "ticket_created",
      eventId: "notif_0b4a8f43-6c1e-4b39-9d0c-5f2e7a1c9b10",
      occurredAt: "2026-11-23T07:46:41.000Z",
      comment: { id: "2448930147", authorId: "6762f0b31bb69f9f2193bc21", isPublic: true, authorIsStaff: false },
    });
    const lead = normalizeIntercomEvent(userCreated({ ...conv, contactType: "lead" }));
    expect(lead).toMatchObject({ comment: { authorIsStaff: false }, requesterId: conv.contactId });
  });

  it("turns an admin reply into a public staff comment by that admin", () => {
    expect(normalizeIntercomEvent(fixture("admin-replied"))).toMatchObject({
      kind: "comment_added",
      comment: { id: "45763812702", authorId: "991267715", isPublic: true, authorIsStaff: true },
    });
  });

  it("ignores an admin.replied part written by a bot (Fin): no human took over", () => {
    const payload = adminReplied(conv, "6827949", { id: "1" });
    payload.data.item.conversation_parts.conversation_parts[0]!.author = { type: "bot", id: "6827949", name: "Fin" };
    expect(normalizeIntercomEvent(payload)).toEqual({ ignored: "conversation.admin.replied (bot author)" });
    const fin = adminReplied(conv, "6827949", { id: "2" });
    fin.data.item.conversation_parts.conversation_parts[0]!.author = {
      type: "admin",
      id: "6827949",
      from_ai_agent: true,
    };
    expect(normalizeIntercomEvent(fin)).toEqual({ ignored: "conversation.admin.replied (bot author)" });
  });

  it("prefers a human admin's part over a bot's in the same admin.replied", () => {
    const payload = adminReplied(conv, "991267715", { id: "10", createdAt: 1795424100 });
    const parts = payload.data.item.conversation_parts.conversation_parts;
    parts.push({ ...parts[0]!, id: "11", created_at: 1795424200, author: { type: "bot", id: "6827949" } });
    expect(normalizeIntercomEvent(payload)).toMatchObject({
      comment: { id: "10", authorId: "991267715", authorIsStaff: true },
    });
  });

  it("turns a note into a non-public staff comment", () => {
    expect(normalizeIntercomEvent(fixture("admin-noted"))).toMatchObject({
      kind: "comment_added",
      comment: { id: "45763812705", authorId: "991267715", isPublic: false, authorIsStaff: true },
    });
  });

  it("turns a rating into rating_added", () => {
    expect(normalizeIntercomEvent(fixture("rating-added"))).toMatchObject({
      kind: "rating_added",
      ticketStatus: "solved",
    });
  });

  it.each([
    [{ adminId: "991267715" }, { type: "admin", id: "991267715" }],
    [
      { adminId: 991267715, teamId: 5017691 },
      { type: "admin", id: "991267715" },
    ],
    [{ teamId: "5017691" }, { type: "team", id: "5017691" }],
    [{}, { type: "none", id: null }],
  ])("reads assignment %j as %j", (assignee, expected) => {
    expect(normalizeIntercomEvent(adminAssigned(conv, assignee))).toMatchObject({
      kind: "assignment_changed",
      assignee: expected,
    });
  });

  it.each([
    [null, null, { type: "none", id: null }],
    ["0", "0", { type: "none", id: null }],
    [0, "5017691", { type: "team", id: "5017691" }],
    [undefined, undefined, { type: "none", id: null }],
    ["991267715", null, { type: "admin", id: "991267715" }],
  ])("treats admin_assignee_id %j / team_assignee_id %j as %j", (admin, team, expected) => {
    const payload = fixture("admin-assigned");
    payload.data.item.admin_assignee_id = admin;
    payload.data.item.team_assignee_id = team;
    expect(normalizeIntercomEvent(payload)).toMatchObject({ assignee: expected });
  });

  it.each([
    ["open", "open"],
    ["snoozed", "hold"],
    ["closed", "solved"],
    ["CLOSED", "solved"],
  ])("maps state %s to ticketStatus %s (never the final 'closed': a reply reopens it)", (state, status) => {
    const payload = fixture("user-replied");
    payload.data.item.state = state;
    expect(normalizeIntercomEvent(payload)).toMatchObject({ ticketStatus: status });
  });

  it("falls back to the `open` boolean, and leaves the status out when neither is sent", () => {
    const payload = fixture("user-replied");
    delete payload.data.item.state;
    payload.data.item.open = false;
    expect(normalizeIntercomEvent(payload)).toMatchObject({ ticketStatus: "solved" });
    delete payload.data.item.open;
    expect(normalizeIntercomEvent(payload)).not.toHaveProperty("ticketStatus");
  });

  it("accepts numeric ids and timestamps as strings, and normalizes ids to strings", () => {
    const payload = fixture("user-replied");
    payload.data.item.id = 215474343849634;
    payload.data.item.conversation_parts.conversation_parts[0].id = 45763812690;
    payload.created_at = "1795424165";
    expect(normalizeIntercomEvent(payload)).toMatchObject({
      ticketId: "215474343849634",
      occurredAt: new Date(1795424165 * 1000).toISOString(),
      comment: { id: "45763812690" },
    });
  });

  it("is lenient about what Intercom may omit (tags, contacts, parts' timestamps, source)", () => {
    const payload = fixture("user-replied");
    const item = payload.data.item;
    for (const key of [
      "tags",
      "contacts",
      "source",
      "priority",
      "created_at",
      "updated_at",
      "admin_assignee_id",
      "team_assignee_id",
    ])
      delete item[key];
    delete item.conversation_parts.conversation_parts[0].created_at;
    expect(normalizeIntercomEvent(payload)).toMatchObject({ comment: { id: "45763812690" } });
    expect(normalizeIntercomEvent(payload)).not.toHaveProperty("requesterId");
  });

  it("takes the newest contact part by created_at, not by position, skipping admin parts", () => {
    const payload = userReplied(conv, { id: "300", createdAt: 1795424100 });
    const parts = payload.data.item.conversation_parts.conversation_parts as Json[];
    const contactPart = parts[0]!;
    parts.unshift({ ...contactPart, id: "301", created_at: 1795424200 });
    parts.push({ ...contactPart, id: "299", created_at: 1795424000 });
    parts.push({ ...contactPart, id: "302", created_at: 1795424300, author: { type: "admin", id: "991267715" } });
    expect(normalizeIntercomEvent(payload)).toMatchObject({ comment: { id: "301", authorIsStaff: false } });
  });

  it("rejects a user reply without a contact part, naming the parts field", () => {
    const payload = adminNoted(conv, "991267715", { id: "5" });
    payload.topic = "conversation.user.replied";
    expect(invalid(payload).fields).toEqual(["data.item.conversation_parts.conversation_parts"]);
    const empty = userReplied(conv, { id: "6" });
    empty.data.item.conversation_parts.conversation_parts = [];
    expect(invalid(empty).message).toContain("a part authored by a user or lead");
  });

  it("rejects an admin reply without any staff part", () => {
    const payload = userReplied(conv, { id: "7" });
    payload.topic = "conversation.admin.replied";
    expect(invalid(payload).fields).toEqual(["data.item.conversation_parts.conversation_parts"]);
  });

  it("copies no bodies, names or emails into the event beyond the customer's own message excerpt", () => {
    for (const name of FIXTURES) {
      const { messageExcerpt, ...event } = normalizeIntercomEvent(fixture(name)) as { messageExcerpt?: string };
      expect([undefined, ...CUSTOMER_MESSAGES]).toContain(messageExcerpt);
      const text = JSON.stringify(event);
      for (const secret of [
        "charged twice",
        "both charges",
        "refunded",
        "Stripe",
        "Sam Customer",
        "sam@example.com",
        "Alex Agent",
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
