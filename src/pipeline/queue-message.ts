import type { SupportEvent } from "./support-event.ts";

/** What the webhook route puts on the queue. Versioned so a deploy can read older messages. */
export interface QueueMessageBody {
  v: 1;
  event: SupportEvent;
  /** When the webhook was acknowledged (ISO-8601), for queue-delay timings. */
  receivedAt: string;
}
