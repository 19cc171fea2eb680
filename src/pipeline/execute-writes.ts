import type { Helpdesk } from "../ports/helpdesk.ts";
import type { StateStore, TicketLease } from "../state/state-store.ts";
import type { TicketState } from "../domain/ticket-state.ts";
import type { TicketWrites } from "../domain/plan.ts";

/**
 * The steps of a job, each one helpdesk `apply`. `ticket` is the internal note with the field changes
 * and tags (one Zendesk update); `public_reply` the public reply, which carries the field changes and tags
 * itself when there is no note. The note goes first so an agent who opens the ticket after the reply
 * already sees why.
 */
export type WriteStep = "ticket" | "public_reply";
/**
 * Steps recorded by jobs stored before the tags rode on the ticket update: such jobs resume in that
 * shape. No name is shared with WriteStep, so a recorded step always tells which shape it belongs to.
 */
const LEGACY_STEPS: ReadonlySet<string> = new Set(["update", "reply", "add_tags", "remove_tags"]);

type Step<Name extends string = string> = { step: Name; writes: TicketWrites };

export function writeSteps(writes: TicketWrites): Array<Step<WriteStep>> {
  const { publicReply, internalNote, ...rest } = writes;
  const hasRest =
    rest.addTags.length > 0 ||
    rest.removeTags.length > 0 ||
    rest.groupId !== undefined ||
    rest.assigneeId !== undefined ||
    rest.priority !== undefined ||
    rest.status !== undefined;
  const steps: Array<Step<WriteStep>> = [];
  if (internalNote || (hasRest && !publicReply))
    steps.push({ step: "ticket", writes: { ...rest, ...(internalNote ? { internalNote } : {}) } });
  if (publicReply)
    steps.push({
      step: "public_reply",
      writes: internalNote ? { addTags: [], removeTags: [], publicReply } : { ...rest, publicReply },
    });
  return steps;
}

/**
 * The steps as jobs stored before this shape recorded them (note with fields, reply, tags added, tags
 * removed): a job that finished some of them resumes with the same split, so nothing is skipped or sent
 * twice across the upgrade.
 */
export function legacyWriteSteps(writes: TicketWrites): Step[] {
  const steps: Step[] = [];
  const hasUpdate =
    writes.internalNote !== undefined ||
    writes.groupId !== undefined ||
    writes.assigneeId !== undefined ||
    writes.priority !== undefined ||
    writes.status !== undefined;
  if (hasUpdate) {
    steps.push({
      step: "update",
      writes: {
        addTags: [],
        removeTags: [],
        ...(writes.internalNote ? { internalNote: writes.internalNote } : {}),
        ...(writes.groupId !== undefined ? { groupId: writes.groupId } : {}),
        ...(writes.assigneeId !== undefined ? { assigneeId: writes.assigneeId } : {}),
        ...(writes.priority !== undefined ? { priority: writes.priority } : {}),
        ...(writes.status !== undefined ? { status: writes.status } : {}),
      },
    });
  }
  if (writes.publicReply)
    steps.push({ step: "reply", writes: { addTags: [], removeTags: [], publicReply: writes.publicReply } });
  if (writes.addTags.length) steps.push({ step: "add_tags", writes: { addTags: writes.addTags, removeTags: [] } });
  if (writes.removeTags.length)
    steps.push({ step: "remove_tags", writes: { addTags: [], removeTags: writes.removeTags } });
  return steps;
}

/** Whether a job's recorded progress names steps of the old split (see legacyWriteSteps). */
function recordedInLegacyShape(job: { stepsDone: string[]; attempt?: { step: string } } | undefined): boolean {
  if (!job) return false;
  return job.stepsDone.some((step) => LEGACY_STEPS.has(step)) || LEGACY_STEPS.has(job.attempt?.step ?? "");
}

function postsComment(writes: TicketWrites): boolean {
  return writes.internalNote !== undefined || writes.publicReply !== undefined;
}

export interface ExecuteResult {
  writes: number;
  conflictsRetried: number;
  stepsSkipped: string[];
}

/**
 * Carry out the writes for one job, recording each finished step in the ticket state. When the job is
 * retried after a failure half-way, the steps already done are skipped: nothing is written twice.
 * The lease is renewed before each step (a full TTL for the step and its retries) and fences each
 * state write, so a job that lost the ticket's lock stops before its next write.
 */
export async function executeWrites(args: {
  helpdesk: Helpdesk;
  store: StateStore;
  lease: TicketLease;
  ticketId: string;
  jobId: string;
  writes: TicketWrites;
  state: TicketState;
  /** The ticket's version from this job's context read, sent with the first update instead of a re-read. */
  updatedStamp?: string;
  now?: () => Date;
}): Promise<{ result: ExecuteResult; state: TicketState }> {
  const { helpdesk, store, lease, ticketId, jobId } = args;
  const now = args.now ?? (() => new Date());
  let state = args.state;
  const ours = state.inFlight?.jobId === jobId ? state.inFlight : undefined;
  const done = new Set(ours?.stepsDone ?? []);
  const interrupted = ours?.attempt;
  const result: ExecuteResult = { writes: 0, conflictsRetried: 0, stepsSkipped: [] };
  let stamp = args.updatedStamp;
  const steps = recordedInLegacyShape(ours) ? legacyWriteSteps(args.writes) : writeSteps(args.writes);
  for (const { step, writes } of steps) {
    if (done.has(step)) {
      result.stepsSkipped.push(step);
      continue;
    }
    await lease.renew();
    // Write-ahead for comments: a retry must be able to tell "never sent" from "sent, not recorded".
    const resumeSince = interrupted?.step === step ? interrupted.at : undefined;
    if (postsComment(writes)) {
      state = {
        ...state,
        inFlight: {
          ...state.inFlight,
          jobId,
          stepsDone: [...done],
          attempt: { step, at: resumeSince ?? now().toISOString() },
        },
      };
      await store.putTicketState(ticketId, state, lease);
    }
    const applied = await helpdesk.apply(ticketId, writes, {
      ...(resumeSince === undefined ? {} : { resumeSince }),
      ...(stamp === undefined ? {} : { updatedStamp: stamp }),
    });
    stamp = applied.updatedStamp;
    result.writes += applied.writes;
    result.conflictsRetried += applied.conflictsRetried;
    done.add(step);
    const { attempt: _sent, ...inFlight } = state.inFlight ?? { stepsDone: [] };
    // Counted in the job, not per attempt: a retried job's ledger row still shows every write it made.
    const counts = {
      helpdeskWrites: (state.inFlight?.helpdeskWrites ?? 0) + applied.writes,
      firstWriteAt: state.inFlight?.firstWriteAt ?? now().toISOString(),
    };
    state = { ...state, inFlight: { ...inFlight, jobId, stepsDone: [...done], ...counts } };
    await store.putTicketState(ticketId, state, lease);
  }
  return { result, state };
}
