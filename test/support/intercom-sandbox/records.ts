/**
 * The sandbox workspace's records, kept close to Intercom's models (specs/intercom-api-2.16.yaml:
 * admin, team, contact, company, tag, conversation, conversation_part) and rendered to API JSON by
 * render.ts. Ids are strings: digits for conversations, admins, teams and tags, hex for contacts
 * and companies. Times are unix seconds.
 */
export type PartAuthorType = "user" | "lead" | "admin" | "bot";

export interface SandboxAdmin {
  id: string;
  name: string;
  email: string;
  teamIds: string[];
  /** Away mode (PUT /admins/{id}/away in Intercom); false when unset. */
  awayModeEnabled?: boolean;
}

export interface SandboxTeam {
  id: string;
  name: string;
  adminIds: string[];
}

export interface SandboxTag {
  id: string;
  name: string;
}

export interface SandboxCompany {
  id: string;
  companyId: string;
  name: string;
  plan: string | null;
  createdAt: number;
  customAttributes: Record<string, unknown>;
  tagIds: string[];
}

export interface SandboxContact {
  id: string;
  role: "user" | "lead";
  externalId: string | null;
  name: string | null;
  email: string | null;
  createdAt: number;
  signedUpAt: number | null;
  customAttributes: Record<string, unknown>;
  tagIds: string[];
  companyIds: string[];
  /** The contact's language_override (null: only the browser's "en"). */
  language?: string | null;
}

export interface SandboxPart {
  id: string;
  /** comment | note | assignment | open | close | snoozed | ... */
  partType: string;
  /** HTML, as the REST API stores and returns it; null for event parts without a message. */
  bodyHtml: string | null;
  createdAt: number;
  author: { type: PartAuthorType; id: string };
  assignedTo: { type: "admin" | "team" | "nobody_admin"; id: string } | null;
  /** Written through the API (sets `app_package_code`). */
  viaApi: boolean;
  /** part_attachment objects, as the API lists them. */
  attachments?: unknown[];
}

export interface SandboxConversation {
  id: string;
  title: string | null;
  createdAt: number;
  updatedAt: number;
  state: "open" | "closed" | "snoozed";
  snoozedUntil: number | null;
  /** 2.16 levels. */
  priority: "none" | "low" | "medium" | "high" | "urgent";
  adminAssigneeId: string | null;
  teamAssigneeId: string | null;
  contactIds: string[];
  read: boolean;
  tags: Array<{ id: string; appliedAt: number; appliedBy: { type: "admin" | "contact"; id: string } }>;
  /** The opening message (conversation.source); parts hold everything after it. */
  source: {
    id: string;
    type: "conversation" | "email";
    subject: string;
    bodyHtml: string;
    author: { type: PartAuthorType; id: string };
    attachments?: unknown[];
  };
  parts: SandboxPart[];
  /** When a teammate last closed it (statistics.last_close_at). */
  lastCloseAt?: number;
  /** The contact's 1-5 star rating (conversation_rating). */
  rating?: { stars: number; createdAt: number };
}

/** Intercom articles (article_list_item). */
export interface SandboxIntercomArticle {
  id: string;
  title: string;
  bodyHtml: string;
  url: string | null;
  state: "published" | "draft";
  locale: string;
  authorId: string;
  createdAt: number;
  updatedAt: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text as a paragraph of HTML, the way Intercom stores a typed message. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** What `display_as=plaintext` returns for an HTML body: text, links as "label (url)". */
export function plainText(html: string): string {
  return html
    .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, url: string, label: string) => `${label} (${url})`)
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
