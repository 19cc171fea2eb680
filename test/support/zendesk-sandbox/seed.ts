import {
  escapeHtml,
  isoSeconds,
  webVia,
  type SandboxComment,
  type SandboxOrganization,
  type SandboxTicket,
  type SandboxUser,
} from "./records.ts";
import { seedArticles } from "./articles.ts";
import type { SandboxState } from "./state.ts";

/** Well-known ids of the seeded account. */
export const SANDBOX = {
  assistantId: 900,
  agentId: 901,
  customerWithOrgId: 1001,
  customerWithoutOrgId: 1002,
  optedOutCustomerId: 1003,
  organizationId: 5001,
  groups: { support: 2001, billing: 2002, tier2: 2003 },
  tickets: { newRefund: 101, agentReplied: 102, internalNote: 103, optedOut: 104, closed: 105 },
  appId: 424242,
} as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The sample account: the assistant (900) and a human agent (901); Maria (1001, verified, org Globex),
 * Sam (1002, no org) and Lee (1003); tickets 101 (new refund question from Maria), 102 (an agent
 * already replied), 103 (internal note), 104 (opt-out tag), 105 (closed, 60 days old); help center
 * articles as in articles.ts.
 */
export function seedSandbox(state: SandboxState): void {
  const now = state.now().getTime();
  const at = (agoMs: number) => isoSeconds(new Date(now - agoMs));
  const base = state.baseUrl;

  const user = (u: Pick<SandboxUser, "id" | "name" | "email" | "role"> & Partial<SandboxUser>): void => {
    const created = u.created_at ?? at(400 * DAY);
    state.users.set(u.id, {
      url: `${base}/api/v2/users/${u.id}.json`,
      created_at: created,
      updated_at: created,
      time_zone: "Eastern Time (US & Canada)",
      iana_time_zone: "America/New_York",
      phone: null,
      photo: null,
      locale: "en-US",
      locale_id: 1,
      organization_id: null,
      role_type: u.role === "end-user" ? null : 0,
      custom_role_id: null,
      verified: true,
      active: true,
      suspended: false,
      tags: [],
      user_fields: {},
      external_id: null,
      details: "",
      notes: "",
      default_group_id: u.role === "end-user" ? null : SANDBOX.groups.support,
      last_login_at: u.role === "end-user" ? null : at(2 * 60 * MINUTE),
      ...u,
    });
  };
  user({ id: 900, name: "Deskmate", email: "deskmate@acme.example", role: "agent" });
  user({ id: 901, name: "Dana Rivera", email: "dana@acme.example", role: "agent" });
  user({
    id: 1001,
    name: "Maria Lopez",
    email: "maria@globex.example",
    role: "end-user",
    organization_id: SANDBOX.organizationId,
    tags: ["vip"],
    user_fields: { plan: "business", customer_since: "2023-04-01" },
    created_at: at(900 * DAY),
  });
  user({
    id: 1002,
    name: "Sam Okafor",
    email: "sam@example.org",
    role: "end-user",
    verified: false,
    created_at: at(40 * DAY),
  });
  user({ id: 1003, name: "Lee Chen", email: "lee@example.net", role: "end-user", created_at: at(200 * DAY) });

  const org: SandboxOrganization = {
    id: SANDBOX.organizationId,
    url: `${base}/api/v2/organizations/${SANDBOX.organizationId}.json`,
    name: "Globex",
    created_at: at(1000 * DAY),
    updated_at: at(30 * DAY),
    domain_names: ["globex.example"],
    details: "Enterprise customer since 2021",
    notes: null,
    external_id: "GLOBEX-001",
    group_id: null,
    shared_tickets: false,
    shared_comments: false,
    tags: ["enterprise", "priority_support"],
    organization_fields: { tier: "gold", account_manager: "Jordan" },
  };
  state.organizations.set(org.id, org);
  state.groups.set(2001, { id: 2001, name: "Support" });
  state.groups.set(2002, { id: 2002, name: "Billing" });
  state.groups.set(2003, { id: 2003, name: "Tier 2" });
  // Group memberships (GroupMembershipObject): Dana works Support and Billing, like the Intercom sandbox.
  state.memberships.set(901, [2001, 2002]);
  state.memberships.set(900, [2001]);

  const ticket = (t: Parameters<typeof seedTicket>[1], comments: SeedComment[]) => seedTicket(state, t, comments);

  ticket(
    { id: 101, subject: "Refund for a double charge", status: "new", requester_id: 1001, created_at: at(10 * MINUTE) },
    [
      {
        authorId: 1001,
        agoMs: 10 * MINUTE,
        body: "Hi, I was charged twice for my March invoice (INV-2041). Can I get a refund for the second charge?",
      },
    ],
  );
  ticket(
    {
      id: 102,
      subject: "Cannot log in",
      status: "open",
      requester_id: 1002,
      assignee_id: 901,
      group_id: 2001,
      priority: "normal",
      created_at: at(3 * DAY),
    },
    [
      { authorId: 1002, agoMs: 3 * DAY, body: "I can't log in since yesterday, the reset email never arrives." },
      {
        authorId: 901,
        agoMs: 2 * DAY,
        body: "Hi Sam, I've re-sent the reset email. Could you check your spam folder?",
      },
      { authorId: 1002, agoMs: 30 * MINUTE, body: "Still nothing in spam either." },
    ],
  );
  ticket(
    {
      id: 103,
      subject: "Invoice address change",
      status: "open",
      requester_id: 1001,
      group_id: 2002,
      created_at: at(5 * DAY),
    },
    [
      { authorId: 1001, agoMs: 5 * DAY, body: "Please change the billing address on our invoices to 1 Main St." },
      { authorId: 901, agoMs: 4 * DAY, body: "Needs finance approval before we change it.", public: false },
    ],
  );
  ticket(
    {
      id: 104,
      subject: "Question about API limits",
      status: "new",
      requester_id: 1003,
      tags: ["deskmate_off"],
      created_at: at(20 * MINUTE),
    },
    [{ authorId: 1003, agoMs: 20 * MINUTE, body: "What are the API rate limits on the starter plan?" }],
  );
  ticket(
    {
      id: 105,
      subject: "Export not working",
      status: "closed",
      requester_id: 1001,
      assignee_id: 901,
      group_id: 2001,
      created_at: at(60 * DAY),
    },
    [
      { authorId: 1001, agoMs: 60 * DAY, body: "The CSV export button does nothing." },
      { authorId: 901, agoMs: 59 * DAY, body: "Fixed in today's release, thanks for reporting!" },
    ],
  );

  seedArticles(state);
  state.installations = [
    installation(
      360000000101,
      SANDBOX.appId,
      { name: "Deskmate", mode: "shadow", tag_prefix: "deskmate_", opt_out_tag: "deskmate_off" },
      at(90 * DAY),
    ),
    installation(360000000102, 111222, { name: "Another app", api_key: null }, at(300 * DAY)),
  ];
}

export interface SeedComment {
  authorId: number;
  agoMs: number;
  body: string;
  public?: boolean;
}

function seedComment(state: SandboxState, c: SeedComment, createdAt: string): SandboxComment {
  return {
    id: state.nextId++,
    type: "Comment",
    author_id: c.authorId,
    body: c.body,
    html_body: `<div class="zd-comment" dir="auto"><p>${escapeHtml(c.body)}</p></div>`,
    plain_body: c.body,
    public: c.public ?? true,
    audit_id: state.nextId++,
    attachments: [],
    via: webVia(),
    metadata: {
      system: { client: "Mozilla/5.0", ip_address: "192.0.2.10", location: "Springfield, United States" },
      custom: {},
    },
    created_at: createdAt,
  };
}

function installation(id: number, appId: number, settings: Record<string, unknown>, at: string) {
  return {
    id,
    app_id: appId,
    product: "support" as const,
    settings,
    enabled: true,
    paid: false,
    created_at: at,
    updated_at: at,
  };
}

export function seedTicket(
  state: SandboxState,
  t: Pick<SandboxTicket, "id" | "subject" | "status" | "requester_id"> & Partial<SandboxTicket>,
  comments: SeedComment[],
): void {
  const now = state.now().getTime();
  const at = (agoMs: number) => isoSeconds(new Date(now - agoMs));
  const base = state.baseUrl;
  const created = t.created_at ?? at(10 * MINUTE);
  const last = comments.at(-1);
  state.tickets.set(t.id, {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    external_id: null,
    via: webVia(),
    created_at: created,
    updated_at: last ? at(last.agoMs) : created,
    type: "question",
    raw_subject: t.subject,
    description: comments[0]?.body ?? "",
    priority: null,
    recipient: "support@acme.example",
    submitter_id: t.requester_id,
    assignee_id: null,
    organization_id: state.users.get(t.requester_id)?.organization_id ?? null,
    group_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    brand_id: 360000000001,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
    ...t,
  });
  state.comments.set(
    t.id,
    comments.map((c) => seedComment(state, c, at(c.agoMs))),
  );
}
