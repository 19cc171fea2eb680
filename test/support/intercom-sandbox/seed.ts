import { paragraphs, type PartAuthorType, type SandboxContact, type SandboxConversation } from "./records.ts";
import { seedIntercomArticles } from "./articles.ts";
import type { IntercomSandboxState } from "./state.ts";

/**
 * Well-known ids of the seeded workspace. Admin, team and conversation numbers are the Zendesk
 * sandbox's user, group and ticket numbers on purpose, so scenarios read the same on both.
 */
export const INTERCOM_SANDBOX = {
  accessToken: "sandbox-intercom-token",
  version: "2.16",
  appIdCode: "acme1234",
  assistantAdminId: "900",
  humanAdminId: "901",
  /** Fin, Intercom's AI agent: parts authored by a bot. */
  finBotId: "950",
  teams: { support: "2001", billing: "2002", tier2: "2003" },
  contacts: { maria: "6762f1261bb69f9f2193b001", sam: "6762f1261bb69f9f2193b002", lee: "6762f1261bb69f9f2193b003" },
  companyId: "6762f1261bb69f9f2193c001",
  tags: { vip: "7001", enterprise: "7002", prioritySupport: "7003", optOut: "7004" },
  conversations: {
    newRefund: "101",
    agentReplied: "102",
    internalNote: "103",
    optedOut: "104",
    closed: "105",
    finAnswered: "106",
  },
} as const;

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

export interface SeedPart {
  author: PartAuthorType;
  /** The admin, bot or contact id; defaults to the conversation's contact (user/lead) or the human admin. */
  id?: string;
  /** Empty for an event part without a message (an assignment, a close). */
  body: string;
  note?: boolean;
  /** Intercom's part_type; default `comment` (or `note`). Replies also arrive as `assignment`, `open`, `close`. */
  partType?: string;
  agoS: number;
}

/**
 * The sample workspace: the assistant (admin 900) and a human admin (901); Maria (verified by the
 * workspace's `verified` attribute, tag vip, company Globex), Sam and Lee; conversations 101 (new
 * refund question from Maria), 102 (a human admin already replied), 103 (internal note), 104
 * (opt-out tag), 105 (closed, 60 days old), 106 (Fin answered, Sam replied); articles as in the
 * Zendesk sandbox's help center.
 */
export function seedIntercomSandbox(state: IntercomSandboxState): void {
  const now = state.nowS();
  const S = INTERCOM_SANDBOX;
  state.admins.set("900", { id: "900", name: "Deskmate", email: "deskmate@acme.example", teamIds: [] });
  state.admins.set("901", {
    id: "901",
    name: "Dana Rivera",
    email: "dana@acme.example",
    teamIds: [S.teams.support, S.teams.billing],
  });
  state.teams.set(S.teams.support, { id: S.teams.support, name: "Support", adminIds: ["901"] });
  state.teams.set(S.teams.billing, { id: S.teams.billing, name: "Billing", adminIds: ["901"] });
  state.teams.set(S.teams.tier2, { id: S.teams.tier2, name: "Tier 2", adminIds: [] });
  for (const [id, name] of [
    [S.tags.vip, "vip"],
    [S.tags.enterprise, "enterprise"],
    [S.tags.prioritySupport, "priority_support"],
    [S.tags.optOut, "deskmate_off"],
  ] as const) {
    state.tags.set(id, { id, name });
  }
  state.companies.set(S.companyId, {
    id: S.companyId,
    companyId: "GLOBEX-001",
    name: "Globex",
    plan: "Enterprise",
    createdAt: now - 1000 * DAY,
    customAttributes: { tier: "gold", account_manager: "Jordan" },
    tagIds: [S.tags.enterprise, S.tags.prioritySupport],
  });
  const contact = (c: Pick<SandboxContact, "id" | "name" | "email"> & Partial<SandboxContact>) =>
    state.contacts.set(c.id, {
      role: "user",
      externalId: null,
      createdAt: now - 400 * DAY,
      signedUpAt: null,
      customAttributes: {},
      tagIds: [],
      companyIds: [],
      ...c,
    });
  contact({
    id: S.contacts.maria,
    name: "Maria Lopez",
    email: "maria@globex.example",
    externalId: "maria-1001",
    createdAt: now - 900 * DAY,
    signedUpAt: now - 900 * DAY,
    customAttributes: { plan: "business", customer_since: "2023-04-01", verified: true },
    tagIds: [S.tags.vip],
    companyIds: [S.companyId],
  });
  contact({
    id: S.contacts.sam,
    name: "Sam Okafor",
    email: "sam@example.org",
    externalId: "sam-1002",
    createdAt: now - 40 * DAY,
  });
  contact({ id: S.contacts.lee, name: "Lee Chen", email: "lee@example.net", createdAt: now - 200 * DAY });

  const { conversations: ids, contacts } = S;
  seedConversation(state, { id: ids.newRefund, contactId: contacts.maria }, [
    {
      author: "user",
      agoS: 10 * MINUTE,
      body: "Hi, I was charged twice for my March invoice (INV-2041). Can I get a refund for the second charge?",
    },
  ]);
  seedConversation(
    state,
    { id: ids.agentReplied, contactId: contacts.sam, adminAssigneeId: "901", teamAssigneeId: S.teams.support },
    [
      { author: "user", agoS: 3 * DAY, body: "I can't log in since yesterday, the reset email never arrives." },
      {
        author: "admin",
        id: "901",
        agoS: 2 * DAY,
        body: "Hi Sam, I've re-sent the reset email. Could you check your spam folder?",
      },
      { author: "user", agoS: 30 * MINUTE, body: "Still nothing in spam either." },
    ],
  );
  seedConversation(state, { id: ids.internalNote, contactId: contacts.maria, teamAssigneeId: S.teams.billing }, [
    { author: "user", agoS: 5 * DAY, body: "Please change the billing address on our invoices to 1 Main St." },
    { author: "admin", id: "901", agoS: 4 * DAY, body: "Needs finance approval before we change it.", note: true },
  ]);
  seedConversation(state, { id: ids.optedOut, contactId: contacts.lee, tagIds: [S.tags.optOut] }, [
    { author: "user", agoS: 20 * MINUTE, body: "What are the API rate limits on the starter plan?" },
  ]);
  seedConversation(
    state,
    {
      id: ids.closed,
      contactId: contacts.maria,
      state: "closed",
      adminAssigneeId: "901",
      teamAssigneeId: S.teams.support,
    },
    [
      { author: "user", agoS: 60 * DAY, body: "The CSV export button does nothing." },
      { author: "admin", id: "901", agoS: 59 * DAY, body: "Fixed in today's release, thanks for reporting!" },
    ],
  );
  seedConversation(state, { id: ids.finAnswered, contactId: contacts.sam }, [
    { author: "user", agoS: 15 * MINUTE, body: "How long does standard shipping take?" },
    { author: "bot", id: S.finBotId, agoS: 14 * MINUTE, body: "Standard shipping takes 3-5 business days." },
    { author: "user", agoS: 2 * MINUTE, body: "My parcel is late, that answer didn't help." },
  ]);
  seedIntercomArticles(state);
}

export interface NewConversationSeed {
  id: string;
  contactId: string;
  title?: string | null;
  state?: SandboxConversation["state"];
  priority?: SandboxConversation["priority"];
  adminAssigneeId?: string | null;
  teamAssigneeId?: string | null;
  tagIds?: string[];
}

/** A conversation whose first part is its source (the opening message); the rest become parts. */
export function seedConversation(
  state: IntercomSandboxState,
  seed: NewConversationSeed,
  parts: SeedPart[],
): SandboxConversation {
  const now = state.nowS();
  const [first, ...rest] = parts;
  if (!first) throw new Error("sandbox: a conversation needs an opening message");
  const who = (p: SeedPart) => ({
    type: p.author,
    id:
      p.id ??
      (p.author === "user" || p.author === "lead"
        ? seed.contactId
        : p.author === "bot"
          ? INTERCOM_SANDBOX.finBotId
          : "901"),
  });
  const created = now - first.agoS;
  const conversation: SandboxConversation = {
    id: seed.id,
    title: seed.title ?? null,
    createdAt: created,
    updatedAt: created,
    state: seed.state ?? "open",
    snoozedUntil: null,
    priority: seed.priority ?? "none",
    adminAssigneeId: seed.adminAssigneeId ?? null,
    teamAssigneeId: seed.teamAssigneeId ?? null,
    contactIds: [seed.contactId],
    read: true,
    tags: (seed.tagIds ?? []).map((id) => ({
      id,
      appliedAt: created,
      appliedBy: { type: "admin" as const, id: "901" },
    })),
    source: { id: state.id(), type: "conversation", subject: "", bodyHtml: paragraphs(first.body), author: who(first) },
    parts: [],
  };
  state.conversations.set(seed.id, conversation);
  for (const p of rest) {
    conversation.parts.push({
      id: state.id(),
      partType: p.partType ?? (p.note ? "note" : "comment"),
      bodyHtml: p.body === "" ? null : paragraphs(p.body),
      createdAt: now - p.agoS,
      author: who(p),
      assignedTo: null,
      viaApi: false,
    });
    conversation.updatedAt = Math.max(conversation.updatedAt, now - p.agoS);
  }
  return conversation;
}
