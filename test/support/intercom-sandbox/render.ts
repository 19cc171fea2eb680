import {
  plainText,
  type SandboxCompany,
  type SandboxContact,
  type SandboxConversation,
  type SandboxPart,
} from "./records.ts";
import type { IntercomSandboxState } from "./state.ts";

/**
 * API 2.16 JSON for the sandbox's records (schemas admin_with_app, conversation, contact, company,
 * article_list_item). Integer fields the spec types as integers (admin_assignee_id,
 * team_assignee_id, author_id) are numbers; everything called `id` is a string.
 */
export function renderAdmin(state: IntercomSandboxState, adminId: string, withApp: boolean): unknown {
  const admin = state.admins.get(adminId);
  if (!admin) return null;
  return {
    type: "admin",
    id: admin.id,
    name: admin.name,
    email: admin.email,
    email_verified: true,
    job_title: admin.id === "900" ? "AI assistant" : "Support",
    away_mode_enabled: admin.awayModeEnabled === true,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: admin.teamIds.map(Number),
    avatar: { type: "avatar", image_url: null },
    ...(withApp
      ? {
          app: {
            type: "app",
            id_code: state.appIdCode,
            name: "Acme",
            created_at: state.nowS() - 1000 * 86_400,
            secure: false,
            identity_verification: false,
            timezone: "America/New_York",
            region: "US",
          },
        }
      : {}),
  };
}

export function renderTeam(state: IntercomSandboxState, teamId: string): unknown {
  const team = state.teams.get(teamId);
  return team ? { type: "team", id: team.id, name: team.name, admin_ids: team.adminIds.map(Number) } : null;
}

export function renderConversation(
  state: IntercomSandboxState,
  c: SandboxConversation,
  options: { plaintext: boolean; parts: boolean },
): unknown {
  const body = (html: string | null) => (html === null ? null : options.plaintext ? plainText(html) : html);
  const lastContactPart = [...c.parts].reverse().find((p) => p.author.type === "user" || p.author.type === "lead");
  return {
    type: "conversation",
    id: c.id,
    title: c.title,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    waiting_since: c.state === "open" ? (lastContactPart?.createdAt ?? c.createdAt) : null,
    snoozed_until: c.snoozedUntil,
    source: {
      type: c.source.type,
      id: c.source.id,
      delivered_as: c.source.author.type === "admin" ? "admin_initiated" : "customer_initiated",
      subject: c.source.subject,
      body: body(c.source.bodyHtml),
      author: author(state, c.source.author),
      attachments: c.source.attachments ?? [],
      url: null,
      redacted: false,
    },
    contacts: {
      type: "contact.list",
      contacts: c.contactIds.map((id) => ({
        type: "contact",
        id,
        external_id: state.contacts.get(id)?.externalId ?? null,
      })),
    },
    first_contact_reply: null,
    admin_assignee_id: c.adminAssigneeId === null ? null : Number(c.adminAssigneeId),
    team_assignee_id: c.teamAssigneeId === null ? null : Number(c.teamAssigneeId),
    open: c.state !== "closed",
    state: c.state,
    read: c.read,
    tags: {
      type: "tag.list",
      tags: c.tags.map((t) => ({
        type: "tag",
        id: t.id,
        name: state.tags.get(t.id)?.name ?? "",
        applied_at: t.appliedAt,
        applied_by: { type: t.appliedBy.type, id: t.appliedBy.id },
      })),
    },
    priority: c.priority,
    sla_applied: null,
    statistics: c.lastCloseAt === undefined ? null : { type: "conversation_statistics", last_close_at: c.lastCloseAt },
    conversation_rating:
      c.rating === undefined
        ? null
        : {
            rating: c.rating.stars,
            remark: null,
            created_at: c.rating.createdAt,
            contact: { type: "contact", id: c.contactIds[0] ?? "" },
            teammate: null,
          },
    teammates: {
      type: "admin.list",
      admins: [...new Set(c.parts.filter((p) => p.author.type === "admin").map((p) => p.author.id))].map((id) => ({
        type: "admin",
        id,
      })),
    },
    custom_attributes: {},
    topics: {},
    ticket: null,
    linked_objects: { type: "list", data: [], total_count: 0, has_more: false },
    ai_agent: null,
    ai_agent_participated: c.parts.some((p) => p.author.type === "bot"),
    ...(options.parts
      ? {
          conversation_parts: {
            type: "conversation_part.list",
            conversation_parts: c.parts.map((p) => renderPart(state, p, body, c.state)),
            total_count: c.parts.length,
          },
        }
      : {}),
  };
}

function renderPart(
  state: IntercomSandboxState,
  p: SandboxPart,
  body: (html: string | null) => string | null,
  conversationState: string,
): unknown {
  return {
    type: "conversation_part",
    id: p.id,
    part_type: p.partType,
    body: body(p.bodyHtml),
    created_at: p.createdAt,
    updated_at: p.createdAt,
    notified_at: p.createdAt,
    assigned_to: p.assignedTo,
    author: author(state, p.author),
    attachments: p.attachments ?? [],
    external_id: null,
    redacted: false,
    metadata: {},
    email_message_metadata: null,
    state: conversationState,
    tags: [],
    event_details: null,
    app_package_code: p.viaApi ? "deskmate" : null,
  };
}

/** Authors as Intercom shows them; Fin is a bot flagged as the AI agent. */
function author(state: IntercomSandboxState, a: { type: string; id: string }): unknown {
  if (a.type === "admin") {
    const admin = state.admins.get(a.id);
    return {
      type: "admin",
      id: a.id,
      name: admin?.name ?? null,
      email: admin?.email ?? "",
      from_ai_agent: false,
      is_ai_answer: false,
    };
  }
  if (a.type === "bot") {
    return {
      type: "bot",
      id: a.id,
      name: "Fin",
      email: `operator+${state.appIdCode}@intercom.io`,
      from_ai_agent: true,
      is_ai_answer: true,
    };
  }
  const contact = state.contacts.get(a.id);
  return {
    type: a.type,
    id: a.id,
    name: contact?.name ?? null,
    email: contact?.email ?? "",
    from_ai_agent: false,
    is_ai_answer: false,
  };
}

export function renderContact(state: IntercomSandboxState, c: SandboxContact): unknown {
  return {
    type: "contact",
    id: c.id,
    workspace_id: state.appIdCode,
    external_id: c.externalId,
    role: c.role,
    email: c.email ?? "",
    email_domain: c.email?.split("@")[1] ?? "",
    phone: null,
    name: c.name,
    owner_id: null,
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: c.createdAt,
    updated_at: c.createdAt,
    signed_up_at: c.signedUpAt,
    last_seen_at: state.nowS() - 3600,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: c.language ?? null,
    browser: "chrome",
    browser_version: "120.0",
    browser_language: "en",
    os: "macOS",
    custom_attributes: structuredClone(c.customAttributes),
    avatar: null,
    // Only ids and urls here (addressable_list): tag names need GET /contacts/{id}/tags.
    tags: {
      type: "list",
      data: c.tagIds.map((id) => ({ type: "tag", id, url: `/tags/${id}` })),
      url: `/contacts/${c.id}/tags`,
      total_count: c.tagIds.length,
      has_more: false,
    },
    notes: { type: "list", data: [], url: `/contacts/${c.id}/notes`, total_count: 0, has_more: false },
    companies: {
      type: "list",
      data: c.companyIds.map((id) => ({ type: "company", id, url: `/companies/${id}` })),
      url: `/contacts/${c.id}/companies`,
      total_count: c.companyIds.length,
      has_more: false,
    },
    location: {
      type: "location",
      country: "United States",
      region: "New York",
      city: "New York",
      country_code: "USA",
      continent_code: "NA",
    },
    social_profiles: { type: "list", data: [] },
  };
}

export function renderCompany(state: IntercomSandboxState, co: SandboxCompany): unknown {
  return {
    type: "company",
    id: co.id,
    name: co.name,
    app_id: state.appIdCode,
    company_id: co.companyId,
    ...(co.plan ? { plan: { type: "plan", id: "1", name: co.plan } } : {}),
    remote_created_at: co.createdAt,
    created_at: co.createdAt,
    updated_at: co.createdAt,
    last_request_at: state.nowS() - 3600,
    size: 250,
    website: `https://${co.name.toLowerCase()}.example`,
    industry: "Manufacturing",
    monthly_spend: 4200,
    session_count: 120,
    user_count: 12,
    custom_attributes: structuredClone(co.customAttributes),
    tags: {
      type: "tag.list",
      tags: co.tagIds.map((id) => ({ type: "tag", id, name: state.tags.get(id)?.name ?? "" })),
    },
    segments: { type: "segment.list", segments: [] },
  };
}
