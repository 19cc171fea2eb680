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
}
