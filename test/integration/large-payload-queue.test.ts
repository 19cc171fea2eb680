import { describe, expect, it } from "vitest";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

/** 20,000 tags: about 280 KB of signed payload, twice the queue's per-message limit. */
const MANY_TAGS = Array.from({ length: 20_000 }, (_, i) => `imported_tag_${i}`);

describe("a signed event with 20,000 tags", () => {
  it("is accepted and queued as a message of ids only, then honours the ticket's real opt-out tag", async () => {
    const h = createHarness({ queue: true });
    // Ticket 104 carries the opt-out tag in Zendesk; the payload's tag list does not.
    const res = await h.deliver(ticketCreated({ id: 104, requesterId: 1003, tags: MANY_TAGS }));
    expect(res.status).toBe(202);
    expect(h.sent).toHaveLength(1);
    const bytes = new TextEncoder().encode(JSON.stringify(h.sent[0])).length;
    expect(bytes).toBeLessThan(2_000);
    expect(JSON.stringify(h.sent[0])).not.toContain("imported_tag_");

    const [message] = await h.drainQueue();
    expect(message?.acked).toBe(true);
    expect(h.handled()[0]).toMatchObject({ ticket_id: "104", outcome: "skip", reasons: ["opted_out"] });
    expect(sandbox.writes()).toEqual([]);
    // The opt-out came from the ticket read the consumer does anyway, not from an extra request.
    expect(sandbox.requests.filter((r) => r.method === "GET" && r.path === "/api/v2/tickets/104")).toHaveLength(1);
  });

  it("the payload's own tags decide nothing: an opt-out tag only in the payload does not skip the ticket", async () => {
    const h = createHarness({ queue: true });
    const res = await h.deliver(
      ticketCreated({
        id: 101,
        requesterId: SANDBOX.customerWithOrgId,
        organizationId: SANDBOX.organizationId,
        tags: [...MANY_TAGS, "deskmate_off"],
      }),
    );
    expect(res.status).toBe(202);
    await h.drainQueue();
    expect(h.handled()[0]).toMatchObject({ ticket_id: "101", outcome: "escalate", reasons: ["model_error"] });
    expect(sandbox.writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /api/v2/tickets/101"]);
  });
});
