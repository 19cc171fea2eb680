import { toDeskmateError } from "../lib/errors.ts";
import type { LogFields, Logger } from "../lib/logger.ts";
import type { QueueMessageBody } from "../domain/queue-message.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { DeliveryClaim, StateStore } from "../state/state-store.ts";

/**
 * How long a claim stays `pending` before it is committed. The route answers within the helpdesks'
 * timeouts (5 s Intercom, 10 s Zendesk), so an enqueue outliving this is already a failed delivery;
 * and it is shorter than the retry delay we ask for (RETRY_AFTER_SECONDS) and Intercom's one-minute
 * retry, so a pending claim orphaned by a failed release has expired when the retry comes.
 */
export const PENDING_CLAIM_TTL_SECONDS = 10;
/**
 * Seconds a helpdesk is told to wait before retrying a 409/503: longer than a pending claim lives,
 * and under 60 s, the longest Retry-After for which Zendesk retries a 503.
 */
const RETRY_AFTER_SECONDS = "15";

type Answer<B extends number> = (
  status: 200 | 202 | 503 | B,
  body: Record<string, unknown>,
  extra?: LogFields,
) => Response;

/**
 * The end of every webhook route, a two-phase claim around the enqueue:
 * 1. claim the id as `pending` (short TTL): `committed` already → 200 duplicate; `pending` (another
 *    attempt is enqueueing, or failed and could not release) → `busyStatus`, so the helpdesk retries;
 *    the store fails → 503;
 * 2. enqueue: on failure release the pending claim and answer 503; if the release fails too the
 *    claim expires within PENDING_CLAIM_TTL_SECONDS, so the retry is still processed;
 * 3. commit the claim with the full TTL. With `defer` (the runtime's waitUntil) the 202 goes out first
 *    and the commit runs after it: the acknowledgement waits for one store round trip instead of two.
 *    That changes no outcome: a commit that fails or has not landed yet leaves the pending claim, so a
 *    retry meanwhile is answered busy, and once the claim expires a late retry may enqueue again, which
 *    the consumer absorbs (a customer message is handled once). A failed commit still answers 202
 *    (the event is queued).
 * The claim id must come from signed bytes only: a header-chosen id would let a replay through.
 */
export async function acceptDelivery<B extends 409 | 503>(args: {
  event: SupportEvent;
  claimId: string;
  /** Resolved inside the claim: a store that cannot be reached or built answers 503 like a failed claim. */
  store: () => StateStore;
  ttlSeconds: number;
  /** The answer that makes this helpdesk retry a delivery whose claim is still pending. */
  busyStatus: B;
  /** Sets a response header (Retry-After on 409/503). */
  header: (name: string, value: string) => void;
  enqueue: (body: QueueMessageBody) => Promise<void>;
  now: () => Date;
  log: Logger;
  answer: Answer<B>;
  /** Runs work after the answer (the runtime's waitUntil); without it the commit is awaited first. */
  defer?: (work: Promise<unknown>) => void;
}): Promise<Response> {
  const { event, claimId, answer } = args;
  const retryLater = (status: 503 | B, error: string, message: string, extra: LogFields) => {
    args.header("Retry-After", RETRY_AFTER_SECONDS);
    return answer(status, { error, message }, { claim_id: claimId, ...extra });
  };
  let store: StateStore;
  let claim: DeliveryClaim;
  try {
    store = args.store();
    claim = await store.claimDelivery(claimId, PENDING_CLAIM_TTL_SECONDS);
  } catch (error) {
    return retryLater(503, "store_unavailable", "could not record the delivery; retry later", {
      error: toDeskmateError(error),
    });
  }
  if (claim.status === "committed") return answer(200, { status: "duplicate" }, { duplicate_of: claimId });
  if (claim.status === "pending") {
    return retryLater(
      args.busyStatus,
      "delivery_in_progress",
      "this event is being accepted by another attempt; retry later",
      {},
    );
  }

  try {
    await args.enqueue({ v: 1, event, receivedAt: args.now().toISOString() });
  } catch (error) {
    const released = await store.releaseDelivery(claimId, claim.token).catch((releaseError: unknown) => {
      args.log.warn("delivery claim release failed; the pending claim expires on its own", {
        claim_id: claimId,
        expires_in_s: PENDING_CLAIM_TTL_SECONDS,
        error: toDeskmateError(releaseError),
      });
      return false;
    });
    return retryLater(503, "enqueue_failed", "could not enqueue the event; retry later", {
      error: toDeskmateError(error),
      released,
    });
  }

  const commit = store.commitDelivery(claimId, args.ttlSeconds).catch((error: unknown) => {
    args.log.error("delivery claim commit failed after the event was enqueued; a late retry may enqueue it again", {
      claim_id: claimId,
      error: toDeskmateError(error),
    });
  });
  if (args.defer) args.defer(commit);
  else await commit;
  return answer(202, { status: "accepted", event_id: event.eventId });
}
