/**
 * The parts of Intercom's JSON the adapter reads, as API 2.16 returns them (components/schemas in
 * specs/intercom-api-2.16.yaml: admin_with_app, conversation, conversation_part, contact, company,
 * tag, conversation_list_item). Timestamps are unix seconds. Conversation, admin and team ids are
 * digit strings, but some integer fields (admin_assignee_id, team_assignee_id) arrive as numbers,
 * and "not assigned" is null or 0. Only the fields the adapter reads are typed; responses are read
 * through these types.
 */
export type IcId = string | number;

export interface IcAdminWithApp {
  type?: string;
  id: IcId;
  name?: string | null;
  email?: string | null;
  app?: { id_code?: string | null; name?: string | null; region?: string | null } | null;
}

/** `GET /admins/{id}` (admin in the spec): what escalation routing reads. */
export interface IcAdmin {
  id: IcId;
  name?: string | null;
  away_mode_enabled?: boolean | null;
  team_ids?: IcId[] | null;
}

/** `GET /teams/{id}` (team in the spec). */
export interface IcTeam {
  id: IcId;
  name?: string | null;
}

export interface IcAuthor {
  /** user | lead | contact | admin | bot | team */
  type?: string | null;
  id?: IcId | null;
  name?: string | null;
  /** The part was sent by Fin (the AI agent) on behalf of an admin. */
  from_ai_agent?: boolean | null;
  is_ai_answer?: boolean | null;
}

export interface IcPart {
  id: IcId;
  part_type?: string | null;
  body?: string | null;
  created_at: number;
  author?: IcAuthor | null;
  attachments?: IcAttachment[] | null;
}

/** part_attachment: no id of its own; `url` is a signed download URL. */
export interface IcAttachment {
  type?: string | null;
  name?: string | null;
  url?: string | null;
  content_type?: string | null;
  filesize?: number | null;
}

export interface IcTag {
  id: IcId;
  name?: string | null;
}

export interface IcConversation {
  id: IcId;
  title?: string | null;
  created_at: number;
  updated_at: number;
  state?: string | null;
  /** 2.16: none | low | medium | high | urgent. Up to 2.14: priority | not_priority. */
  priority?: string | null;
  admin_assignee_id?: IcId | null;
  team_assignee_id?: IcId | null;
  source?: {
    type?: string | null;
    id?: IcId | null;
    subject?: string | null;
    body?: string | null;
    author?: IcAuthor | null;
    attachments?: IcAttachment[] | null;
  } | null;
  contacts?: { contacts?: Array<{ id: string }> | null } | null;
  company?: { id?: IcId | null } | null;
  tags?: { tags?: IcTag[] | null } | null;
  conversation_parts?: { conversation_parts?: IcPart[] | null } | null;
  /** 1-5 stars and when they were given (conversation_rating). */
  conversation_rating?: { rating?: number | null; created_at?: number | null } | null;
  statistics?: { last_close_at?: number | null } | null;
}

export interface IcContact {
  id: string;
  role?: string | null;
  external_id?: string | null;
  email?: string | null;
  name?: string | null;
  created_at?: number | null;
  signed_up_at?: number | null;
  custom_attributes?: Record<string, unknown> | null;
  /** The language the contact chose for the Messenger ("es"); `browser_language` is only the browser's default. */
  language_override?: string | null;
  browser_language?: string | null;
}

export interface IcCompany {
  id: IcId;
  name?: string | null;
  plan?: { name?: string | null } | null;
  custom_attributes?: Record<string, unknown> | null;
  tags?: { tags?: IcTag[] | null } | null;
}
