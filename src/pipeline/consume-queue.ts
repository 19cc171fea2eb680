import { toDeskmateError } from "../lib/errors.ts";
import { handleDeadLetter } from "./dead-letter.ts";
import { handleEvent } from "./handle-event.ts";
import { recordHandedOver } from "./record-decision.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { QueueMessageBody } from "../domain/queue-message.ts";
import { retryDelaySeconds } from "./retry-delay.ts";
import { admitJob, deferMessage, type Requeue } from "./admit-job.ts";

/** The slice of Cloudflare's queue `Message` the consumer uses (keeps tests free of runtime types). */
export interface QueueMessageLike {
  readonly body: QueueMessageBody;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/**
 * Process a batch: messages of one ticket in the order their events happened, different tickets in
 * parallel. A retryable failure retries that message and every later one of the same ticket, so events
 * are never applied out of order. Failed messages are never acked in `catch`: after `max_retries` the
 * queue moves them to the dead-letter queue. A job over the account's helpdesk budget is not run but put
 * back on the queue for the window's end (admit-job.ts), with the ticket's later events behind it.
 */
export async function consumeEvents(
  messages: readonly QueueMessageLike[],
  depsFor: (m: QueueMessageBody) => PipelineDeps,
  /** `requeue`: re-send a message with a delay (a job over the helpdesk budget waits without using a retry). */
  options: { requeue?: Requeue } = {},
): Promise<void> {
  const byTicket = new Map<string, QueueMessageLike[]>();
  for (const message of messages) {
    const key = `${message.body.event.platform}:${message.body.event.accountId}:${message.body.event.ticketId}`;
    byTicket.set(key, [...(byTicket.get(key) ?? []), message]);
  }
  await Promise.all(
    [...byTicket.values()].map(async (group) => {
      group.sort((a, b) => a.body.event.occurredAt.localeCompare(b.body.event.occurredAt));
      let blocked: number | undefined;
      // A ticket's later events wait with the one the helpdesk budget delayed, so they stay in order.
      let deferred: number | undefined;
      for (const message of group) {
        const deps = depsFor(message.body);
        if (deferred !== undefined) {
          await deferMessage(message, deferred, deps, options.requeue);
          continue;
        }
        if (blocked !== undefined) {
          message.retry({ delaySeconds: blocked });
          continue;
        }
        try {
          const admission = await admitJob(message, deps, options.requeue);
          if (!admission.admitted) {
            deferred = admission.delaySeconds;
            continue;
          }
          try {
            await handleEvent(message.body.event, deps, { receivedAt: message.body.receivedAt });
          } finally {
            await admission.release();
          }
          message.ack();
        } catch (cause) {
          const error = toDeskmateError(cause);
          if (!error.retryable && (await handedToHumans(message, deps, error.code))) {
            message.ack();
            continue;
          }
          blocked = retryDelaySeconds(error, message.attempts);
          deps.logger.warn("event failed, will retry", {
            event_id: message.body.event.eventId,
            ticket_id: message.body.event.ticketId,
            attempts: message.attempts,
            error_code: error.code,
            retryable: error.retryable,
            delay_seconds: blocked,
          });
          message.retry({ delaySeconds: blocked });
        }
      }
    }),
  );
}

/** A failure that retrying cannot fix goes straight to the dead-letter handoff. */
async function handedToHumans(message: QueueMessageLike, deps: PipelineDeps, code: string): Promise<boolean> {
  return handOver(message, deps, code).then(
    () => true,
    () => false,
  );
}

function handOver(message: QueueMessageLike, deps: PipelineDeps, lastError?: string): Promise<unknown> {
  return deps.settings().then(async (settings) => {
    const result = await handleDeadLetter({
      event: message.body.event,
      helpdesk: deps.helpdesk,
      settings,
      logger: deps.logger,
      attempts: message.attempts,
      ...(lastError ? { lastError } : {}),
    });
    // The message's one ledger row, unless an earlier attempt already stored it.
    await recordHandedOver(message.body, deps, settings, result);
    return result;
  });
}

/** The dead-letter queue's consumer: hand each failed customer message to humans. */
export async function consumeDeadLetters(
  messages: readonly QueueMessageLike[],
  depsFor: (m: QueueMessageBody) => PipelineDeps,
): Promise<void> {
  await Promise.all(
    messages.map(async (message) => {
      const deps = depsFor(message.body);
      try {
        await handOver(message, deps);
        message.ack();
      } catch (cause) {
        const error = toDeskmateError(cause);
        deps.logger.error("dead-letter handoff failed", {
          event_id: message.body.event.eventId,
          error_code: error.code,
        });
        message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
      }
    }),
  );
}
