import { describe, expect, it } from "vitest";
import type { Decider } from "../../src/pipeline/decider.ts";
import { ledgerThatFailsOnce } from "../support/ledger-that-fails-once.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { StoreThatStopsOnce } from "../support/store-that-stops-once.ts";
import { createHarness, recordedMessage } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
const answering: Decider = async ({ settings }) => ({
  outcome: "answer",
  reasons: [],
  customerMessage: "Your refund for the second charge is on its way.",
  addTags: [`${settings.tagPrefix}answered`],
  removeTags: [],
});
const autosend = { DESKMATE_MODE: "autosend" };
const assistantReplies = () =>
  sandbox.ticket(101).comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId);
const helpdeskWrites = () => sandbox.writes().length;

describe("an interrupted job never loses its decision row nor records it twice", () => {
  it("the store stops right after the ledger write: the redelivery leaves one row, the real outcome", async () => {
    const kv = new StoreThatStopsOnce();
    const ledgerDb = sqliteD1();
    const h = createHarness({ queue: true, kv, ledgerDb, env: autosend, decide: answering });
    const rowCount = () => Number(ledgerDb.database.prepare("SELECT COUNT(*) AS n FROM decisions").get()?.n);
    // The first state write after the row is stored is the one that clears the job: it fails.
    kv.when = () => rowCount() > 0;

    await h.deliver(ticketCreated(T101));
    const [first] = await h.drainQueue();
    expect(first?.retried).toHaveLength(1);
    const writesBefore = helpdeskWrites();
    const rowBefore = (await h.decisions())[0];

    const again = recordedMessage(first!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [again]);
    expect(again.acked).toBe(true);
    const rows = await h.decisions();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "answer", publicReply: true, helpdeskWrites: writesBefore });
    expect(rows[0]).toEqual(rowBefore);
    expect(helpdeskWrites()).toBe(writesBefore);
    expect(assistantReplies()).toHaveLength(1);
  });

  it("the ledger write fails once: the redelivery records the real outcome, no helpdesk write repeated", async () => {
    const ledgerDb = ledgerThatFailsOnce();
    const h = createHarness({ queue: true, ledgerDb, env: autosend, decide: answering });
    ledgerDb.failDecisions = true;

    await h.deliver(ticketCreated(T101));
    const [first] = await h.drainQueue();
    expect(first?.acked).toBe(false);
    expect(first?.retried).toHaveLength(1);
    expect(await h.decisions()).toHaveLength(0);
    const writesBefore = helpdeskWrites();
    expect(assistantReplies()).toHaveLength(1);

    const again = recordedMessage(first!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [again]);
    expect(again.acked).toBe(true);
    const rows = await h.decisions();
    expect(rows).toHaveLength(1);
    // The row of the answer that was sent, not an "already handled" skip of the redelivery.
    expect(rows[0]).toMatchObject({
      outcome: "answer",
      reasons: [],
      publicReply: true,
      helpdeskWrites: writesBefore,
      // The context load of the first attempt (ticket with requester and organization, comments, recent tickets).
      helpdeskReads: 3,
    });
    expect(helpdeskWrites()).toBe(writesBefore);
    expect(assistantReplies()).toHaveLength(1);
  });

  it("a redelivery after success leaves the one row as it was", async () => {
    const h = createHarness({ queue: true, env: autosend, decide: answering });
    await h.deliver(ticketCreated(T101));
    const [first] = await h.drainQueue();
    expect(first?.acked).toBe(true);
    const before = await h.decisions();
    expect(before).toHaveLength(1);

    const again = recordedMessage(first!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [again]);
    expect(again.acked).toBe(true);
    expect(await h.decisions()).toEqual(before);
    expect(assistantReplies()).toHaveLength(1);
  });

  it("a failure retrying cannot fix: the handoff to humans is the message's row", async () => {
    const h = createHarness({ queue: true });
    sandbox.failNext({ method: "PUT", path: "/api/v2/tickets/101" }, [
      { status: 422, body: { error: "RecordInvalid" } },
    ]);
    await h.deliver(ticketCreated(T101));
    const [message] = await h.drainQueue();
    expect(message?.acked).toBe(true);
    const rows = await h.decisions();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "escalate", reasons: ["processing_failed"], publicReply: false });
    expect(rows[0]?.helpdeskWrites).toBeGreaterThan(0);
  });

  it("a dead-lettered message is recorded once, even when its dead letter is delivered twice", async () => {
    const h = createHarness({ queue: true });
    await h.deliver(ticketCreated(T101));
    const body = h.sent[0]!;
    await h.drainQueue("deskmate-events-dlq", 6);
    h.sent.push(body);
    await h.drainQueue("deskmate-events-dlq", 6);
    const rows = await h.decisions();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "escalate", reasons: ["processing_failed"] });
  });
});
