/**
 * Zendesk record shapes as the Support API returns them (field sets from the Support OpenAPI spec's
 * TicketObject, TicketCommentObject, UserForAdmin and OrganizationObject): numeric ids, ISO dates
 * without milliseconds, nulls where Zendesk sends nulls.
 */
export interface SandboxUser {
  id: number;
  url: string;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
  time_zone: string;
  iana_time_zone: string;
  phone: string | null;
  photo: null;
  locale: string;
  locale_id: number;
  organization_id: number | null;
  role: "end-user" | "agent" | "admin";
  role_type: number | null;
  custom_role_id: number | null;
  verified: boolean;
  active: boolean;
  suspended: boolean;
  tags: string[];
  user_fields: Record<string, unknown>;
  external_id: string | null;
  details: string;
  notes: string;
  default_group_id: number | null;
  last_login_at: string | null;
}

export interface SandboxOrganization {
  id: number;
  url: string;
  name: string;
  created_at: string;
  updated_at: string;
  domain_names: string[];
  details: string | null;
  notes: string | null;
  external_id: string | null;
  group_id: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  organization_fields: Record<string, unknown>;
}

export interface SandboxComment {
  id: number;
  type: "Comment";
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  audit_id: number;
  attachments: unknown[];
  via: { channel: string; source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null } };
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  created_at: string;
}

export interface SandboxTicket {
  id: number;
  url: string;
  external_id: string | null;
  via: { channel: string; source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null } };
  created_at: string;
  updated_at: string;
  type: "problem" | "incident" | "question" | "task" | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: "urgent" | "high" | "normal" | "low" | null;
  status: "new" | "open" | "pending" | "hold" | "solved" | "closed";
  recipient: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  forum_topic_id: null;
  problem_id: number | null;
  has_incidents: boolean;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: Array<{ id: number; value: unknown }>;
  /** Set when the requester rated the ticket (TicketObject.satisfaction_rating). */
  satisfaction_rating: { id: number; score: "good" | "bad"; comment: string | null } | null;
  sharing_agreement_ids: number[];
  followup_ids: number[];
  brand_id: number;
  allow_channelback: boolean;
  allow_attachments: boolean;
  from_messaging_channel: boolean;
}

/** SatisfactionRatingObject, as ListSatisfactionRatings returns it. */
export interface SandboxRating {
  id: number;
  url: string;
  ticket_id: number;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  score: "good" | "bad";
  comment: string | null;
  created_at: string;
  updated_at: string;
}

/** ISO-8601 to the second, as Zendesk formats `created_at` / `updated_at`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Zendesk derives `plain_body` from the HTML of a comment; this is the same idea, roughly. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function webVia(): SandboxTicket["via"] {
  return { channel: "web", source: { from: {}, to: {}, rel: null } };
}

export function apiVia(): SandboxComment["via"] {
  return { channel: "api", source: { from: {}, to: {}, rel: null } };
}
