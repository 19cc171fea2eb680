import { describe, expect, it } from "vitest";
import { authorizeAction, type Authorization, type ProposedCall } from "../../src/actions/authorize-action.ts";
import { loadCatalog } from "../../src/actions/load-catalog.ts";
import type { RequesterIdentity } from "../../src/actions/requester-identity.ts";
import type { IntentCategory } from "../../src/domain/triage.ts";

const { catalog } = loadCatalog();

const dana: RequesterIdentity = {
  email: "dana@example.com",
  externalId: "cus_dana",
  helpdeskId: "501",
  verified: true,
};
const unverified: RequesterIdentity = { ...dana, verified: false };
const noExternalId: RequesterIdentity = { ...dana, externalId: null };

// A workspace entry that declares an email parameter, to check declared identity fields.
const withEmailParam = loadCatalog({
  override: {
    actions: [
      {
        name: "newsletter_status",
        description: "Is this address subscribed?",
        kind: "read",
        request: { method: "GET", url: "/newsletter?email={email}" },
        parameters: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
        intents: ["account_management"],
        requiresVerifiedRequester: false,
        idempotent: true,
        critical: false,
      },
    ],
  },
}).catalog;

type Row = {
  rule: string;
  proposed: ProposedCall;
  intent?: IntentCategory | null;
  requester?: RequesterIdentity;
  expected: Authorization["decision"];
  reason?: string;
  cat?: typeof catalog;
};

const refund = (amount: unknown, extra: Record<string, unknown> = {}): ProposedCall => ({
  name: "refund",
  parameters: { order_id: "A-1001", amount, reason: "damaged", ...extra },
});

const rows: Row[] = [
  {
    rule: "read within its intent",
    proposed: { name: "order_status", parameters: { order_id: "A-1001" } },
    intent: "order_shipping",
    expected: "allow",
  },
  {
    rule: "unverified requester may read own order (backend scopes by email)",
    proposed: { name: "order_status", parameters: { order_id: "A-1001" } },
    intent: "order_shipping",
    requester: unverified,
    expected: "allow",
  },
  {
    rule: "unknown action",
    proposed: { name: "delete_account", parameters: {} },
    expected: "deny",
    reason: "unknown_action",
  },
  {
    rule: "intent not served",
    proposed: { name: "refund", parameters: { order_id: "A-1", amount: 10, reason: "late" } },
    intent: "product_question",
    expected: "deny",
    reason: "intent_not_allowed",
  },
  {
    rule: "no intent",
    proposed: { name: "order_status", parameters: { order_id: "A-1001" } },
    intent: null,
    expected: "deny",
    reason: "intent_not_allowed",
  },
  {
    rule: "missing required parameter",
    proposed: { name: "order_status", parameters: {} },
    intent: "order_shipping",
    expected: "deny",
    reason: "invalid_parameters",
  },
  { rule: "wrong type (string amount)", proposed: refund("20"), expected: "deny", reason: "invalid_parameters" },
  {
    rule: "value outside enum",
    proposed: refund(20, { reason: "because I said so" }),
    expected: "deny",
    reason: "invalid_parameters",
  },
  {
    rule: "pattern violation (path traversal)",
    proposed: { name: "order_status", parameters: { order_id: "../admin" } },
    intent: "order_shipping",
    expected: "deny",
    reason: "invalid_parameters",
  },
  {
    rule: "undeclared non-identity parameter",
    proposed: { name: "order_status", parameters: { order_id: "A-1001", expand: "all" } },
    intent: "order_shipping",
    expected: "deny",
    reason: "invalid_parameters",
  },
  {
    rule: "parameters not an object",
    proposed: { name: "order_status", parameters: "A-1001" },
    intent: "order_shipping",
    expected: "deny",
    reason: "invalid_parameters",
  },
  { rule: "below minimum", proposed: refund(-5), expected: "deny", reason: "invalid_parameters" },
  {
    rule: "identity injection: email",
    proposed: { name: "order_status", parameters: { order_id: "A-2002", email: "sam@example.com" } },
    intent: "order_shipping",
    expected: "deny",
    reason: "identity_injection",
  },
  {
    rule: "identity injection: customer_id",
    proposed: { name: "invoice_status", parameters: { invoice_id: "INV-3001", customer_id: "cus_sam" } },
    intent: "billing",
    expected: "deny",
    reason: "identity_injection",
  },
  {
    rule: "identity injection: userId",
    proposed: refund(10, { userId: "777" }),
    expected: "deny",
    reason: "identity_injection",
  },
  {
    rule: "identity injection: requester object",
    proposed: refund(10, { requester: { email: "sam@example.com" } }),
    expected: "deny",
    reason: "identity_injection",
  },
  {
    rule: "identity injection even with the requester's own value",
    proposed: { name: "order_status", parameters: { order_id: "A-1001", email: "dana@example.com" } },
    intent: "order_shipping",
    expected: "deny",
    reason: "identity_injection",
  },
  {
    rule: "declared identity parameter with another person's value",
    cat: withEmailParam,
    proposed: { name: "newsletter_status", parameters: { email: "sam@example.com" } },
    intent: "account_management",
    expected: "deny",
    reason: "identity_mismatch",
  },
  {
    rule: "declared identity parameter with own value",
    cat: withEmailParam,
    proposed: { name: "newsletter_status", parameters: { email: "Dana@Example.com" } },
    intent: "account_management",
    expected: "allow",
  },
  {
    rule: "unverified requester for a write",
    proposed: refund(10),
    requester: unverified,
    expected: "deny",
    reason: "unverified_requester",
  },
  {
    rule: "unverified requester for invoice read",
    proposed: { name: "invoice_status", parameters: { invoice_id: "INV-2041" } },
    intent: "billing",
    requester: unverified,
    expected: "deny",
    reason: "unverified_requester",
  },
  {
    rule: "identity the helpdesk lacks",
    proposed: { name: "resend_verification_email", parameters: {} },
    intent: "account_access",
    requester: noExternalId,
    expected: "deny",
    reason: "missing_identity",
  },
  { rule: "write within limits", proposed: refund(50), expected: "allow" },
  { rule: "refund above approval threshold", proposed: refund(80), expected: "needs_approval" },
  { rule: "refund at the hard limit still needs approval", proposed: refund(100), expected: "needs_approval" },
  { rule: "refund over the hard limit", proposed: refund(100.01), expected: "deny", reason: "over_limit" },
  {
    rule: "verified write without parameters",
    proposed: { name: "resend_verification_email", parameters: {} },
    intent: "account_access",
    expected: "allow",
  },
];

describe("authorizeAction", () => {
  it.each(rows)("$rule -> $expected $reason", (row) => {
    const result = authorizeAction({
      proposed: row.proposed,
      catalog: row.cat ?? catalog,
      intent: row.intent === undefined ? "refund" : row.intent,
      requester: row.requester ?? dana,
    });
    expect(result.decision).toBe(row.expected);
    if (result.decision === "deny") expect(result.reason).toBe(row.reason);
  });

  it("hands back the prepared call and the threshold for approval", () => {
    const result = authorizeAction({ proposed: refund(80), catalog, intent: "refund", requester: dana });
    expect(result).toMatchObject({
      decision: "needs_approval",
      amount: 80,
      threshold: 50,
      call: { action: { name: "refund" }, parameters: { order_id: "A-1001", amount: 80 } },
    });
  });
});

describe("requesterIdentity", () => {
  it("takes identity only from the helpdesk context; an unknown requester is unverified", async () => {
    const { requesterIdentity } = await import("../../src/actions/requester-identity.ts");
    expect(requesterIdentity({ status: "missing", reason: "not_found" })).toEqual({
      email: null,
      externalId: null,
      helpdeskId: null,
      verified: false,
    });
    const value = {
      id: "501",
      name: "Dana",
      email: "dana@example.com",
      verified: true,
      role: "end-user" as const,
      tags: [],
      fields: { external_id: "cus_dana" },
      createdAt: null,
    };
    expect(requesterIdentity({ status: "present", value })).toEqual(dana);
    expect(requesterIdentity({ status: "present", value: { ...value, externalId: "cus_top" } }).externalId).toBe(
      "cus_top",
    );
  });
});
