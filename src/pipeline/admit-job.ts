import type { QueueMessageBody } from "../domain/queue-message.ts";
import { JOB_REQUESTS } from "../state/governor-budget.ts";
import { classifyEvent } from "./classify-event.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";

/** Put a message back on the queue to run after `delaySeconds`: a new message, no attempt counted. */
export type Requeue = (body: QueueMessageBody, delaySeconds: number) => Promise<void>;

/** The slice of a queue message admission needs (consume-queue.ts's QueueMessageLike). */
interface Deferrable {
  readonly body: QueueMessageBody;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export type Admission = { admitted: true; release(): Promise<void> } | { admitted: false; delaySeconds: number };

/** No author id equals it: without the assistant's identity only what the event itself shows is skipped. */
const UNKNOWN_ASSISTANT = "";
const NOTHING_RESERVED: Admission = { admitted: true, release: async () => undefined };

/**
 * Before a queue job's first helpdesk request: reserve its requests in the account's request governor.
 * Over Deskmate's share the job is not run but deferred to the end of the window (`deferMessage`).
 * An event the pipeline skips on its face (an internal note, a closed ticket) makes no helpdesk request,
 * so it reserves nothing: Deskmate's own notes come back as such webhooks, and each would otherwise cost
 * two store round trips and wait in the queue behind the budget. (Recognising Deskmate's own public
 * reply needs its identity, a helpdesk read, which belongs inside a reservation: those still reserve.)
 */
export async function admitJob(
  message: Deferrable,
  deps: PipelineDeps,
  requeue: Requeue | undefined,
): Promise<Admission> {
  if (!deps.budget) return NOTHING_RESERVED;
  if (classifyEvent(message.body.event, UNKNOWN_ASSISTANT).kind === "skip") return NOTHING_RESERVED;
  const { helpdeskApiShare } = await deps.settings();
  const reservation = await deps.budget.reserve(JOB_REQUESTS[message.body.event.platform], helpdeskApiShare);
  if (reservation.admitted) return reservation;
  const { usage } = reservation;
  deps.logger.info("helpdesk budget: event delayed", {
    event_id: message.body.event.eventId,
    ticket_id: message.body.event.ticketId,
    account: usage.account,
    reason: reservation.reason,
    window_used: usage.used,
    window_budget: usage.budget,
    window_seconds: usage.windowSeconds,
    account_limit: usage.limit,
    account_remaining: usage.remaining,
    delay_seconds: reservation.delaySeconds,
  });
  await deferMessage(message, reservation.delaySeconds, deps, requeue);
  return { admitted: false, delaySeconds: reservation.delaySeconds };
}

/**
 * Delay a message without spending its retries: send it again with a delay, and ack this delivery only
 * once the copy is on the queue (nothing lost). If the send fails, the queue's own retry delays it instead
 * (one attempt spent, still nothing lost). A copy that runs while this delivery is redelivered too is
 * absorbed by the pipeline's per-message dedupe, as any redelivery is.
 */
export async function deferMessage(
  message: Deferrable,
  delaySeconds: number,
  deps: PipelineDeps,
  requeue: Requeue | undefined,
): Promise<void> {
  if (!requeue) {
    message.retry({ delaySeconds });
    return;
  }
  try {
    await requeue(message.body, delaySeconds);
  } catch (error) {
    deps.logger.warn("helpdesk budget: re-send failed, retrying instead", {
      event_id: message.body.event.eventId,
      delay_seconds: delaySeconds,
      error,
    });
    message.retry({ delaySeconds });
    return;
  }
  message.ack();
}
