/**
 * Requests the official specs do not fully describe (../shared/specs/README.md). Each is checked
 * against a schema written from the vendor's prose instead, so it is still checked, not waved through.
 */
export interface DocumentedException {
  method: string;
  /** Path template, as in the specs. */
  template: string;
  /** True when the path is absent from the specs altogether. */
  notInSpec: boolean;
  /** JSON schema for the body, from the documentation prose; null = the request has no body. */
  bodySchema: Record<string, unknown> | null;
  source: string;
}

const tagsBody = {
  type: "object",
  required: ["tags"],
  properties: {
    tags: { type: "array", items: { type: "string" } },
    safe_update: { type: ["boolean", "string"] },
    updated_stamp: { type: "string", format: "date-time" },
  },
};

export const documentedExceptions: DocumentedException[] = [
  {
    method: "POST",
    template: "/oauth/tokens",
    notInSpec: false,
    // CreateTokenForGrantType documents its JSON parameters in a table only; client_credentials per
    // support.zendesk.com/hc/en-us/articles/4408845965210.
    bodySchema: {
      type: "object",
      required: ["grant_type", "client_id"],
      properties: {
        grant_type: { enum: ["authorization_code", "refresh_token", "client_credentials"] },
        client_id: { type: "string", minLength: 1 },
        client_secret: { type: "string", minLength: 1 },
        scope: { type: "string" },
        code: { type: "string" },
        redirect_uri: { type: "string" },
        refresh_token: { type: "string" },
        expires_in: { type: "integer", minimum: 300, maximum: 172800 },
      },
    },
    source: "Support spec CreateTokenForGrantType (prose table)",
  },
  {
    method: "GET",
    template: "/api/v2/apps/installations",
    notInSpec: true,
    bodySchema: null,
    source: "developer.zendesk.com/api-reference/apps/apps-api/apps_api/#list-app-installations",
  },
  {
    method: "PUT",
    template: "/api/v2/tickets/{ticket_id}/tags",
    notInSpec: false,
    bodySchema: tagsBody,
    source: "Support spec PutTagsTicket (prose)",
  },
  {
    method: "DELETE",
    template: "/api/v2/tickets/{ticket_id}/tags",
    notInSpec: false,
    bodySchema: tagsBody,
    source: "Support spec DeleteTagsTicket (prose)",
  },
];

/**
 * File downloads: URLs the APIs hand out for a comment's files (Zendesk AttachmentObject `content_url`
 * and its redirect to the storage host; Intercom part_attachment `url`). They are not API operations,
 * so no spec describes them; the checker accepts exactly these, and only as a GET without a body: any
 * other request to such a path, or a download path not listed here, is still a problem.
 */
export interface AttachmentDownload {
  host: RegExp;
  template: string;
  source: string;
}

export const attachmentDownloads: AttachmentDownload[] = [
  {
    host: /(^|\.)zendesk\.com$/i,
    template: "/attachments/token/{token}",
    source: "Support spec AttachmentObject.content_url; developer.zendesk.com working-with-url-properties",
  },
  {
    host: /(^|\.)zdusercontent\.com$/i,
    template: "/attachment/{token}/{name}",
    source: "the temporary URL content_url redirects to (accessing-end-user-uploaded-attachments)",
  },
  {
    host: /^(?:downloads\.(?:au\.)?intercomcdn\.(?:com|eu)|intercom-attachments(?:-\d+)?\.com)$/i,
    template: "/i/o/{token}/{name}",
    source: "Intercom spec part_attachment.url (a signed download URL)",
  },
];

/**
 * Pagination and sorting parameters that the pagination guide documents for every list endpoint
 * (api-reference/introduction/pagination/) but individual operations do not repeat.
 */
export const paginationParameters = new Set([
  "page",
  "per_page",
  "page[size]",
  "page[after]",
  "page[before]",
  "sort",
  "sort_by",
  "sort_order",
]);
