import { toDeskmateError } from "../errors.ts";
import type { LogFields, Logger } from "../observability/logger.ts";
import type { QueueMessageBody } from "../pipeline/queue-message.ts";
import type { SupportEvent } from "../pipeline/support-event.ts";
import type { StateStore } from "../state/state-store.ts";
import { claimDeliveryIds } from "./claim-delivery-ids.ts";

type Answer = (status: 200 | 202 | 503, body: Record<string, unknown>, extra?: LogFields) => Response;

/**
 * The end of every webhook route: claim the delivery ids (200 duplicate when one is taken, 503 when
 * the store fails: the helpdesk retries), enqueue (503 on failure, claims released so the retry is
 * not taken for a duplicate), 202. Nothing is ever accepted without being claimed and enqueued.
 */
export async function acceptDelivery(args: {
  event: SupportEvent;
  ids: string[];
  /** Resolved inside the claim: a store that cannot be reached or built answers 503 like a failed claim. */
  store: () => StateStore;
  ttlSeconds: number;
  enqueue: (body: QueueMessageBody) => Promise<void>;
  now: () => Date;
  log: Logger;
  answer: Answer;
}): Promise<Response> {
  const { event, answer } = args;
  const reject = (error: string, message: string, extra: LogFields) => answer(503, { error, message }, extra);
  let claim: Awaited<ReturnType<typeof claimDeliveryIds>>;
  try {
    claim = await claimDeliveryIds(args.store(), args.ids, args.ttlSeconds);
  } catch (error) {
    return reject("store_unavailable", "could not record the delivery; retry later", { error: toDeskmateError(error) });
  }
  if (claim.status === "duplicate") return answer(200, { status: "duplicate" }, { duplicate_of: claim.id });

  try {
    await args.enqueue({ v: 1, event, receivedAt: args.now().toISOString() });
  } catch (error) {
    let released = true;
    await claim.release().catch((releaseError: unknown) => {
      released = false;
      // The helpdesk's retry will now look like a duplicate and be dropped: say so loudly.
      args.log.error("delivery claim release failed; the retry of this delivery will be dropped", { error: toDeskmateError(releaseError) });
    });
    return reject("enqueue_failed", "could not enqueue the event; retry later", { error: toDeskmateError(error), released });
  }
  return answer(202, { status: "accepted", event_id: event.eventId });
}
