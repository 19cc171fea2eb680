import { describe, expect, it, vi } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { ticketLockTtlSeconds } from "../../src/pipeline/ticket-lock-ttl.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { createHarness, recordedMessage } from "../support/worker-harness.ts";
import { commentAdded } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
const customer = { authorId: SANDBOX.customerWithOrgId, isStaff: false };

/** Answers every message with a reply naming the comment it answers; the first decision hangs until released. */
function hangingFirstDecision() {
  let release: () => void = () => undefined;
  const hang = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const decide: Decider = async ({ customerComment, settings }) => {
    calls += 1;
    if (calls === 1) await hang;
    return {
      outcome: "answer",
      reasons: [],
      customerMessage: `Answer to comment ${customerComment.id}.`,
      addTags: [`${settings.tagPrefix}answered`],
      removeTags: [],
    };
  };
  return { decide, release: () => release(), calls: () => calls };
}

function assistantReplies(): string[] {
  return sandbox
    .ticket(101)
    .comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId)
    .map((c) => c.body);
}

describe("a job that outlived its ticket lock", () => {
  it("writes nothing after the newer job took the ticket, and does not roll back its state", async () => {
    let now = Date.now();
    const kv = new MemoryKvStore({ now: () => now });
    const model = hangingFirstDecision();
    const h = createHarness({ env: { DESKMATE_MODE: "autosend" }, decide: model.decide, queue: true, kv });
    const first = sandbox.ticket(101).comments[0]!;

    // Comment 1: its decision hangs.
    await h.deliver(commentAdded(T101, { id: first.id, ...customer }));
    const job1 = h.drainQueue();
    await vi.waitFor(() => expect(model.calls()).toBe(1));
    // The lock lives as long as the job's real time budget, not a fixed 120 s.
    const ttl = ticketLockTtlSeconds(defaultSettings);
    expect(kv.ttlSeconds(h.store().key("lock", "101"))).toBe(ttl);

    // Past the TTL, comment 2 arrives, takes the lock and is answered.
    now += (ttl + 1) * 1000;
    const second = sandbox.addComment(101, { authorId: SANDBOX.customerWithOrgId, body: "Also, where is my invoice?" });
    await h.deliver(commentAdded(T101, { id: second.id, ...customer }));
    const [job2] = await h.drainQueue();
    expect(job2?.acked).toBe(true);
    expect(assistantReplies()).toEqual([`Answer to comment ${second.id}.`]);
    const writesAfterJob2 = sandbox.writes().length;
    const stateAfterJob2 = await h.store().getTicketState("101");

    // Job 1 finishes deciding: it has lost the lock, so it writes nothing and is retried, not acked.
    model.release();
    const [stale] = await job1;
    expect(sandbox.writes()).toHaveLength(writesAfterJob2);
    expect(assistantReplies()).toEqual([`Answer to comment ${second.id}.`]);
    expect(await h.store().getTicketState("101")).toEqual(stateAfterJob2);
    expect(stateAfterJob2).toMatchObject({ lastHandledCommentId: String(second.id), aiTurns: 1 });
    expect(stale?.acked).toBe(false);
    expect(stale?.retried).toHaveLength(1);
    expect(h.lines.some((l) => l.msg === "event failed, will retry" && l.error_code === "ticket_lock_lost")).toBe(true);

    // Its retry sees the newer answer and writes nothing: nothing lost, nothing twice.
    const retry = recordedMessage(stale!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [retry]);
    expect(retry.acked).toBe(true);
    expect(h.handled().at(-1)).toMatchObject({ outcome: "skip", reasons: ["already_handled"] });
    expect(sandbox.writes()).toHaveLength(writesAfterJob2);
  });
});
