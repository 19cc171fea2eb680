import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/lib/errors.ts";
import { InvalidZendeskPayloadError } from "../../src/platforms/zendesk/invalid-zendesk-payload-error.ts";
import { normalizeZendeskEvent } from "../../src/platforms/zendesk/normalize-zendesk-event.ts";
import { parseZendeskPayload, ZENDESK_TRIGGER_TEMPLATE } from "../../src/platforms/zendesk/zendesk-event-schema.ts";

type Json = Record<string, any>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/zendesk/${name}.json`, import.meta.url), "utf8")) as Json;
const delivery = { invocationId: "inv-1", triggerAccount: "acme" };

function invalidFields(json: unknown): string[] {
  const parsed = parseZendeskPayload(json);
  if (parsed.result !== "invalid") throw new Error(`expected invalid, got ${parsed.result}`);
  return parsed.fields;
}

describe("parseZendeskPayload", () => {
  it.each([
    ["ticket-created", "event"],
    ["comment-added", "event"],
    ["comment-added-internal", "event"],
    ["status-changed", "event"],
    ["trigger-comment", "trigger"],
    ["other-event", "ignored"],
  ])("classifies %s as %s", (name, result) => {
    expect(parseZendeskPayload(fixture(name)).result).toBe(result);
  });

  it("names the type of an ignored event", () => {
    expect(parseZendeskPayload(fixture("other-event"))).toEqual({
      result: "ignored",
      type: "zen:event-type:ticket.priority_changed",
    });
  });

  it.each(["OPEN", "Open", "open", " open "])("normalizes status %j to lower case", (status) => {
    const payload = fixture("status-changed");
    payload.event.current = status;
    payload.detail.status = status;
    const event = normalizeZendeskEvent(payload, delivery);
    expect(event).toMatchObject({ ticketStatus: "open", statusChange: { current: "open", previous: "solved" } });
  });

  it("files event-subscription deliveries under the configured subdomain, the payload's account id only without one", () => {
    const payload = fixture("comment-added");
    payload.account_id = "12345678";
    expect(normalizeZendeskEvent(payload, delivery)).toMatchObject({ accountId: "acme" });
    expect(normalizeZendeskEvent(payload, { invocationId: "inv-2", triggerAccount: null })).toMatchObject({
      accountId: "12345678",
    });
  });

  it("accepts numeric ids as well as string ids and normalizes them to strings", () => {
    const payload = fixture("comment-added");
    Object.assign(payload.detail, { id: 5158, requester_id: 9000000000001, organization_id: 360000000301 });
    payload.account_id = "12345678";
    const event = normalizeZendeskEvent(payload, delivery);
    expect(event).toMatchObject({
      accountId: "acme",
      ticketId: "5158",
      requesterId: "9000000000001",
      organizationId: "360000000301",
      comment: { id: "40000000000123", authorId: "9000000000001" },
    });
  });

  it("takes the ticket id from subject when detail.id is absent", () => {
    const payload = fixture("ticket-created");
    delete payload.detail.id;
    expect(normalizeZendeskEvent(payload, delivery)).toMatchObject({ ticketId: "5158" });
  });

  it("accepts ticket.created with event {} or {current: {...}}", () => {
    for (const event of [{}, { current: { status: "NEW" } }]) {
      expect(parseZendeskPayload({ ...fixture("ticket-created"), event }).result).toBe("event");
    }
  });

  it("is lenient about fields Zendesk may omit or null", () => {
    const payload = fixture("comment-added-internal");
    for (const key of ["assignee_id", "group_id", "organization_id", "priority", "tags", "via", "status"])
      delete payload.detail[key];
    payload.detail.requester_id = null;
    expect(parseZendeskPayload(payload).result).toBe("event");
  });

  it.each<[string, (p: Json) => void, string]>([
    [
      "no ticket id anywhere",
      (p) => {
        delete p.detail.id;
        p.subject = "zen:ticket:";
      },
      "detail.id",
    ],
    [
      "non-numeric ticket id",
      (p) => {
        p.detail.id = "abc";
      },
      "detail.id",
    ],
    [
      "missing is_public",
      (p) => {
        delete p.event.comment.is_public;
      },
      "event.comment.is_public",
    ],
    [
      "missing author",
      (p) => {
        delete p.event.comment.author;
      },
      "event.comment.author",
    ],
    [
      "missing is_staff",
      (p) => {
        delete p.event.comment.author.is_staff;
      },
      "event.comment.author.is_staff",
    ],
    [
      "unknown status",
      (p) => {
        p.detail.status = "WAITING";
      },
      "detail.status",
    ],
    [
      "garbled time",
      (p) => {
        p.time = "yesterday";
      },
      "time",
    ],
    [
      "missing account_id",
      (p) => {
        delete p.account_id;
      },
      "account_id",
    ],
    [
      "event id with odd characters",
      (p) => {
        p.id = "a b/c";
      },
      "id",
    ],
  ])("rejects a comment_added payload with %s, naming %s", (_label, mutate, field) => {
    const payload = fixture("comment-added");
    mutate(payload);
    expect(invalidFields(payload)).toContain(field);
  });

  it("rejects status_changed without a valid current status", () => {
    const payload = fixture("status-changed");
    payload.event.current = "REOPENED";
    expect(invalidFields(payload)).toEqual(["event.current"]);
  });

  it("does not echo field values in the error message", () => {
    const payload = fixture("comment-added");
    payload.event.comment.is_public = "Sam's secret text";
    const parsed = parseZendeskPayload(payload);
    expect(parsed.result).toBe("invalid");
    expect(JSON.stringify(parsed)).not.toContain("Sam's secret text");
  });

  it.each([[null], [[]], ["text"], [42], [{ account_id: 1 }]])("rejects %j without a type", (json) => {
    expect(parseZendeskPayload(json).result).toBe("invalid");
  });

  it("treats prototype names as unknown types, not as schemas", () => {
    expect(parseZendeskPayload({ type: "constructor" })).toEqual({ result: "ignored", type: "constructor" });
  });
});

describe("normalizeZendeskEvent", () => {
  it("maps ticket.created", () => {
    expect(normalizeZendeskEvent(fixture("ticket-created"), delivery)).toEqual({
      platform: "zendesk",
      accountId: "acme",
      deliveryId: "inv-1",
      eventId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      kind: "ticket_created",
      ticketId: "5158",
      occurredAt: "2026-11-20T09:14:02.481Z",
      source: "event_subscription",
      requesterId: "9000000000001",
      organizationId: "360000000301",
      ticketStatus: "new",
      // The requester's public description: the knowledge search starts with it (prefetch-knowledge.ts).
      messageExcerpt: "Hi, I was charged twice for my November invoice. Can you refund one of them?",
    });
  });

  it("carries no description an agent submitted for the customer, nor a private one", () => {
    const byAgent = fixture("ticket-created");
    byAgent.detail.submitter_id = "9000000000077";
    expect(normalizeZendeskEvent(byAgent, delivery)).not.toHaveProperty("messageExcerpt");
    const internal = fixture("ticket-created");
    internal.detail.is_public = false;
    expect(normalizeZendeskEvent(internal, delivery)).not.toHaveProperty("messageExcerpt");
    const odd = fixture("ticket-created");
    odd.detail.description = { html: "<p>hi</p>" };
    expect(normalizeZendeskEvent(odd, delivery)).toMatchObject({ kind: "ticket_created" });
    expect(normalizeZendeskEvent(odd, delivery)).not.toHaveProperty("messageExcerpt");
  });

  it("maps a public customer comment with its short text as the excerpt, never the author name", () => {
    const event = normalizeZendeskEvent(fixture("comment-added"), delivery);
    expect(event).toMatchObject({
      kind: "comment_added",
      eventId: "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52",
      occurredAt: "2026-11-20T10:02:45.123Z",
      ticketStatus: "open",
      comment: { id: "40000000000123", authorId: "9000000000001", isPublic: true, authorIsStaff: false },
      // The knowledge search starts with it while the ticket is read (prefetch-knowledge.ts).
      messageExcerpt: "Any update? I still see both charges on my card.",
    });
    const serialized = JSON.stringify(event);
    expect(serialized).not.toContain("Sam Customer");
    expect(serialized).not.toContain("charged twice");
  });

  it("carries no text for a staff note nor for a customer comment longer than the excerpt allows", () => {
    expect(normalizeZendeskEvent(fixture("comment-added-internal"), delivery)).not.toHaveProperty("messageExcerpt");
    const long = fixture("comment-added");
    long.event.comment.body = "word ".repeat(300);
    expect(normalizeZendeskEvent(long, delivery)).not.toHaveProperty("messageExcerpt");
  });

  it("maps an internal staff note", () => {
    const event = normalizeZendeskEvent(fixture("comment-added-internal"), delivery);
    expect(event).toMatchObject({
      accountId: "acme",
      ticketStatus: "pending",
      comment: { id: "40000000000124", authorId: "9000000000077", isPublic: false, authorIsStaff: true },
    });
    expect(event).not.toHaveProperty("organizationId");
  });

  it("maps a reopen (solved -> open)", () => {
    expect(normalizeZendeskEvent(fixture("status-changed"), delivery)).toMatchObject({
      kind: "status_changed",
      eventId: "a8b9c1d2-3e4f-4a6b-8c8d-9e0f1a2b3c4d",
      statusChange: { previous: "solved", current: "open" },
      ticketStatus: "open",
    });
  });

  it("returns { ignored } for other event types", () => {
    expect(normalizeZendeskEvent(fixture("other-event"), delivery)).toEqual({
      ignored: "zen:event-type:ticket.priority_changed",
    });
  });

  it("throws a 400 InvalidZendeskPayloadError naming the failing fields", () => {
    const payload = fixture("comment-added");
    delete payload.event.comment.id;
    const error = (() => {
      try {
        normalizeZendeskEvent(payload, delivery);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidZendeskPayloadError);
    expect(error).toMatchObject({ status: 400, code: "invalid_payload", fields: ["event.comment.id"] });
  });
});

describe("trigger payloads", () => {
  it("maps the rendered template: space-separated tags, empty organization, display-name status", () => {
    expect(
      normalizeZendeskEvent(fixture("trigger-comment"), { invocationId: "inv-9", triggerAccount: "acme" }),
    ).toEqual({
      platform: "zendesk",
      accountId: "acme",
      deliveryId: "inv-9",
      eventId: "trigger:comment_added:5158:40000000000123",
      kind: "comment_added",
      ticketId: "5158",
      occurredAt: "2026-11-20T10:02:00.000Z",
      source: "trigger",
      requesterId: "9000000000001",
      ticketStatus: "hold",
      comment: { id: "40000000000123", authorId: "9000000000001", isPublic: true, authorIsStaff: false },
    });
  });

  it("derives the event id from signed ids in the body, never from the unsigned invocation id", () => {
    const first = normalizeZendeskEvent(fixture("trigger-comment"), { invocationId: "inv-9", triggerAccount: "acme" });
    const replay = normalizeZendeskEvent(fixture("trigger-comment"), {
      invocationId: "inv-other",
      triggerAccount: "acme",
    });
    expect(first).toMatchObject({ eventId: "trigger:comment_added:5158:40000000000123" });
    expect(replay).toMatchObject({ eventId: "trigger:comment_added:5158:40000000000123" });
    const nextComment = fixture("trigger-comment");
    nextComment.comment.id = "40000000000124";
    expect(normalizeZendeskEvent(nextComment, delivery)).toMatchObject({
      eventId: "trigger:comment_added:5158:40000000000124",
    });
    const created = { ...fixture("trigger-comment"), event: "ticket_created" };
    expect(normalizeZendeskEvent(created, delivery)).toMatchObject({
      eventId: "trigger:ticket_created:5158",
      kind: "ticket_created",
    });
  });

  it("reads staff roles and keeps translated statuses out instead of failing", () => {
    const payload = fixture("trigger-comment");
    payload.ticket.status = "Offen";
    payload.comment.author_role = "Agent";
    payload.comment.is_public = "False";
    const event = normalizeZendeskEvent(payload, delivery);
    expect(event).not.toHaveProperty("ticketStatus");
    expect(event).toMatchObject({ comment: { authorIsStaff: true, isPublic: false } });
  });

  it("requires the configured account (trigger bodies cannot carry it, and no header chooses it)", () => {
    expect(() =>
      normalizeZendeskEvent(fixture("trigger-comment"), { invocationId: "inv-9", triggerAccount: null }),
    ).toThrow(ConfigError);
  });

  it("requires a comment for comment_added and validates its fields", () => {
    const noComment = fixture("trigger-comment");
    delete noComment.comment;
    expect(invalidFields(noComment)).toEqual(["comment"]);
    const badPublic = fixture("trigger-comment");
    badPublic.comment.is_public = "maybe";
    expect(invalidFields(badPublic)).toEqual(["comment.is_public"]);
  });

  it("exports a template whose placeholders, rendered, parse with the trigger schema", () => {
    const template = JSON.parse(ZENDESK_TRIGGER_TEMPLATE) as Json;
    expect(template).toMatchObject({ deskmate_trigger: 1, event: "comment_added" });
    expect(ZENDESK_TRIGGER_TEMPLATE).toContain("{{ticket.updated_at_with_timestamp}}");
    const rendered = ZENDESK_TRIGGER_TEMPLATE.replace(/\{\{([^}]+)\}\}/g, (_match, name: string) => sampleValue(name));
    const parsed = parseZendeskPayload(JSON.parse(rendered));
    expect(parsed.result).toBe("trigger");
  });
});

function sampleValue(placeholder: string): string {
  const samples: Record<string, string> = {
    "ticket.status": "Open",
    "ticket.tags": "billing vip",
    "ticket.organization.id": "",
    "ticket.updated_at_with_timestamp": "2026-11-20T10:02Z",
    "ticket.latest_comment.author.role": "End user",
    "ticket.latest_comment.is_public": "true",
  };
  return samples[placeholder] ?? "123";
}
