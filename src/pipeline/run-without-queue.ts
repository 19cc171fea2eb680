import { toDeskmateError } from "../lib/errors.ts";
import { handleDeadLetter } from "./dead-letter.ts";
import type { EventResult } from "../domain/event-result.ts";
import { handleEvent } from "./handle-event.ts";
import { recordHandedOver } from "./record-decision.ts";
import type { PipelineDeps } from "./pipeline-deps.ts";
import type { QueueMessageBody } from "../domain/queue-message.ts";

/**
 * Used through `waitUntil` when no queue is bound (local runs): the same handling, with a few quick
 * in-process retries, then the dead-letter handoff so the event is not dropped silently.
 */
export async function runWithoutQueue(
  body: QueueMessageBody,
  deps: PipelineDeps,
  options: { attempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<EventResult> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastCode = "unknown";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await handleEvent(body.event, deps, { receivedAt: body.receivedAt });
    } catch (cause) {
      const error = toDeskmateError(cause);
      lastCode = error.code;
      deps.logger.warn("event failed", {
        event_id: body.event.eventId,
        ticket_id: body.event.ticketId,
        attempt,
        error_code: error.code,
      });
      if (!error.retryable) break;
      if (attempt < attempts) await sleep(Math.min(1000 * 2 ** (attempt - 1), 5000));
    }
  }
  const settings = await deps.settings();
  const result = await handleDeadLetter({
    event: body.event,
    helpdesk: deps.helpdesk,
    settings,
    logger: deps.logger,
    attempts,
    lastError: lastCode,
  });
  // The message's one ledger row, unless an earlier attempt already stored it.
  await recordHandedOver(body, deps, settings, result);
  return result;
}
