import type { Piece, Requester } from "../domain/ticket.ts";

/**
 * Who the action is for. Built by the runner from the helpdesk context only; the model never supplies
 * or changes it. A number the customer typed ("my order is 12345") proves nothing about who they are.
 */
export interface RequesterIdentity {
  email: string | null;
  /** The company's own customer id, when the helpdesk carries it (Zendesk/Intercom `external_id`). */
  externalId: string | null;
  /** The requester's user id in the helpdesk. */
  helpdeskId: string | null;
  /** The helpdesk says the requester proved who they are (signed in / verified email). */
  verified: boolean;
}

export type IdentityPlaceholder = "requester.email" | "requester.external_id" | "requester.helpdesk_id";

export const IDENTITY_PLACEHOLDERS: readonly IdentityPlaceholder[] = [
  "requester.email",
  "requester.external_id",
  "requester.helpdesk_id",
];

/**
 * Identity from the ticket context; an unknown requester has no identity and is not verified.
 * `externalId` is read from an optional `Requester.externalId` (not yet mapped by the helpdesk
 * adapters: Zendesk and Intercom both return `external_id` at the top level of the user/contact),
 * falling back to a custom field named `external_id`.
 */
export function requesterIdentity(requester: Piece<Requester & { externalId?: string | null }>): RequesterIdentity {
  if (requester.status !== "present") return { email: null, externalId: null, helpdeskId: null, verified: false };
  const r = requester.value;
  const external = r.externalId ?? r.fields.external_id;
  return {
    email: r.email,
    externalId: typeof external === "string" && external !== "" ? external : null,
    helpdeskId: r.id,
    verified: r.verified,
  };
}

export function identityValue(identity: RequesterIdentity, placeholder: IdentityPlaceholder): string | null {
  if (placeholder === "requester.email") return identity.email;
  if (placeholder === "requester.external_id") return identity.externalId;
  return identity.helpdeskId;
}

/**
 * Parameter names that carry identity. The model may only pass one when the catalog declares it, and
 * then only with the requester's own value (see authorize-action.ts).
 */
export function identityKindOf(parameterName: string): IdentityPlaceholder | null {
  const n = parameterName.toLowerCase().replace(/[^a-z]/g, "");
  if (/email|mail/.test(n)) return "requester.email";
  if (/^(external|customer|client|account|member)(id)?$|externalid|customerid|clientid|accountid/.test(n))
    return "requester.external_id";
  if (/^(user|requester|helpdesk|contact|zendesk|intercom)(id)?$|userid|requesterid|helpdeskid|contactid/.test(n))
    return "requester.helpdesk_id";
  return null;
}
