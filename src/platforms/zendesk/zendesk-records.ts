/**
 * The parts of Zendesk's JSON the adapter reads (components/schemas in the Support OpenAPI spec:
 * TicketObject, TicketCommentObject, UserObject, OrganizationObject, SearchResponse). Ids are numbers.
 */
export interface ZdTicket {
  id: number;
  subject?: string | null;
  raw_subject?: string | null;
  status?: string | null;
  priority?: string | null;
  tags?: string[];
  group_id?: number | null;
  assignee_id?: number | null;
  requester_id: number;
  organization_id?: number | null;
  via?: { channel?: string | null } | null;
  /** `score`: offered | unoffered | good | bad (TicketObject.satisfaction_rating). */
  satisfaction_rating?: { score?: string | null } | null;
  created_at: string;
  updated_at: string;
}

export interface ZdComment {
  id: number;
  author_id: number;
  public: boolean;
  body?: string | null;
  plain_body?: string | null;
  created_at: string;
  /** AttachmentObject: listed with the comment, downloaded only for the handled message's images. */
  attachments?: ZdAttachment[] | null;
}

export interface ZdAttachment {
  id: number;
  file_name?: string | null;
  content_url?: string | null;
  content_type?: string | null;
  size?: number | null;
  deleted?: boolean | null;
  /** malware_found | malware_not_found | failed_to_scan | not_scanned */
  malware_scan_result?: string | null;
}

export interface ZdUser {
  /** null for the anonymous user `/users/me` returns when credentials are not accepted. */
  id: number | null;
  name?: string | null;
  email?: string | null;
  verified?: boolean | null;
  external_id?: string | null;
  locale?: string | null;
  iana_time_zone?: string | null;
  role?: string | null;
  tags?: string[];
  user_fields?: Record<string, unknown> | null;
  created_at?: string | null;
}

export interface ZdOrganization {
  id: number;
  name?: string | null;
  tags?: string[];
  organization_fields?: Record<string, unknown> | null;
}

/** ListTicketComments with `include=users` and cursor pagination (`page[size]`). */
export interface ZdCommentsPage {
  comments?: ZdComment[];
  users?: ZdUser[];
  meta?: { has_more?: boolean; after_cursor?: string | null } | null;
  links?: { next?: string | null } | null;
}

export interface ZdSearchPage {
  results?: Array<ZdTicket & { result_type?: string }>;
}

export interface ZdInstallation {
  id: number;
  app_id: number | string;
  enabled?: boolean;
  settings?: Record<string, unknown> | null;
}

/** ListSatisfactionRatings (SatisfactionRatingObject) with cursor pagination. */
export interface ZdSatisfactionRatingsPage {
  satisfaction_ratings?: Array<{
    ticket_id?: number | null;
    requester_id?: number | null;
    score?: string | null;
    created_at?: string | null;
    updated_at?: string | null;
  }>;
  meta?: { has_more?: boolean; after_cursor?: string | null } | null;
}
