import type { Priority } from "./ticket.ts";

/** The handoff package: what a human agent needs to take over in 20 seconds. Stored as JSON in state too. */
export interface Handoff {
  reasons: Array<{ code: string; text: string }>;
  urgency: Priority;
  /** The customer's own words (latest message, trimmed). */
  customerWants: string;
  customer: {
    name: string | null;
    verified: boolean | null;
    organization: string | null;
    tags: string[];
    customerSince: string | null;
    recentTickets: Array<{ id: string; subject: string; status: string; url: string }>;
  };
  facts: string[];
  sourcesChecked: Array<{ title: string; url: string }>;
  actionsAttempted: Array<{ action: string; result: string }>;
  sentimentTrend: string | null;
  suggestedNextStep: string;
  /** Context pieces that could not be loaded (so the agent knows what was not checked). */
  missing: string[];
  /** One line: the group (and agent) the escalation was routed to, and why. Absent: not routed. */
  routing?: string;
  /** Lines on the wait given to the customer, business hours, the emergency path and follow-ups. */
  timing?: string[];
  /** The wait the customer was told; the follow-up check compares the clock with `expectedBy`. */
  wait?: HandoffWait;
  /** Files on the handled customer message: images given to the model, others listed, refused ones with why. */
  attachments?: HandoffAttachment[];
}

export interface HandoffWait {
  /** When a person is expected to have replied (ISO-8601): the end of the range told to the customer. */
  expectedBy: string;
  /** The handoff came outside business hours; `expectedBy` then counts from the next opening. */
  offHours: boolean;
}

export interface HandoffAttachment {
  name: string;
  contentType: string;
  /** Size in bytes as the helpdesk reports it; null when it does not say. */
  bytes: number | null;
  /** `read`: given to the model as an image; `listed`: not an image, never opened; `refused`: see detail. */
  status: "read" | "listed" | "refused";
  /** Why a file was refused (too large, not an image, off-host link, too many). */
  detail?: string;
}
