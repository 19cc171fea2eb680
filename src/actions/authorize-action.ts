import type { IntentCategory } from "../domain/triage.ts";
import { findAction, type ActionCatalog, type ActionDefinition } from "./catalog.ts";
import { checkParameters, type ActionParameters } from "./parameter-schema.ts";
import {
  identityKindOf,
  identityValue,
  type IdentityPlaceholder,
  type RequesterIdentity,
} from "./requester-identity.ts";

/** What the model asked for. Untrusted: names and parameters are checked against the catalog. */
export interface ProposedCall {
  name: string;
  parameters: unknown;
}

/** A call that passed every check, bound to its catalog entry; what `runAction` executes. */
export interface PreparedCall {
  action: ActionDefinition;
  parameters: ActionParameters;
}

export type DenyReason =
  | "unknown_action"
  | "intent_not_allowed"
  | "identity_injection"
  | "identity_mismatch"
  | "invalid_parameters"
  | "unverified_requester"
  | "missing_identity"
  | "over_limit";

export type Authorization =
  | { decision: "allow"; call: PreparedCall }
  /** Over the approval threshold: escalate with the prepared call in the handoff; do not run it. */
  | { decision: "needs_approval"; call: PreparedCall; amount: number; threshold: number }
  | { decision: "deny"; reason: DenyReason; detail: string };

export interface AuthorizeInput {
  proposed: ProposedCall;
  catalog: ActionCatalog;
  /** The message's intent category (triage or model); null allows nothing. */
  intent: IntentCategory | null;
  /** From the helpdesk context, never from the model. */
  requester: RequesterIdentity;
}

/**
 * Pure policy check of one proposed action. Order matters only for which reason is reported; any
 * failing rule denies. Identity is checked before the schema so an injected `email` is reported as
 * what it is rather than as an undeclared parameter.
 */
export function authorizeAction({ proposed, catalog, intent, requester }: AuthorizeInput): Authorization {
  const action = findAction(catalog, proposed.name);
  if (!action)
    return deny(
      "unknown_action",
      `no action named ${JSON.stringify(proposed.name)} ` + `in catalog ${catalog.version}`,
    );
  if (intent === null || !action.intents.includes(intent)) {
    return deny("intent_not_allowed", `${action.name} does not serve intent ${intent ?? "(none)"}`);
  }
  const identity = checkIdentityParameters(action, proposed.parameters, requester);
  if (identity) return identity;
  const problems = checkParameters(action.parameters, proposed.parameters);
  if (problems.length > 0) return deny("invalid_parameters", problems.join("; "));
  const parameters = proposed.parameters as ActionParameters;

  if (action.requiresVerifiedRequester && !requester.verified) {
    return deny(
      "unverified_requester",
      `${action.name} needs a verified requester; what the customer typed is not proof of identity`,
    );
  }
  for (const placeholder of identityPlaceholdersIn(action.request.url)) {
    if (!identityValue(requester, placeholder))
      return deny("missing_identity", `${action.name} needs ` + `{${placeholder}}, which the helpdesk does not have`);
  }
  const call: PreparedCall = { action, parameters };
  if (action.limits) {
    const amount = Number(parameters[action.limits.amountParam] ?? 0);
    if (amount > action.limits.maxAmount)
      return deny(
        "over_limit",
        `${action.limits.amountParam} ${amount} is over ` + `the limit of ${action.limits.maxAmount}`,
      );
  }
  if (action.approvalThreshold) {
    const amount = Number(parameters[action.approvalThreshold.amountParam] ?? 0);
    if (amount > action.approvalThreshold.above)
      return { decision: "needs_approval", call, amount, threshold: action.approvalThreshold.above };
  }
  return { decision: "allow", call };
}

/**
 * The model can never name whom an action is for. A parameter that looks like identity is denied
 * unless the catalog declares it, and a declared one must equal the requester's own value.
 */
function checkIdentityParameters(
  action: ActionDefinition,
  params: unknown,
  requester: RequesterIdentity,
): Authorization | null {
  if (typeof params !== "object" || params === null) return null;
  for (const [name, value] of Object.entries(params)) {
    const kind = name === "requester" ? "requester.helpdesk_id" : identityKindOf(name);
    if (!kind) continue;
    if (!(name in action.parameters.properties)) {
      return deny(
        "identity_injection",
        `${name} is an identity field the catalog ` + `does not let the model set for ${action.name}`,
      );
    }
    const own = identityValue(requester, kind);
    const same =
      own !== null &&
      typeof value === "string" &&
      (kind === "requester.email" ? own.toLowerCase() === value.trim().toLowerCase() : own === value);
    if (!same)
      return deny(
        "identity_mismatch",
        `${name} differs from the requester's own ` + `${kind.slice("requester.".length)}`,
      );
  }
  return null;
}

export function identityPlaceholdersIn(template: string): IdentityPlaceholder[] {
  return [...template.matchAll(/\{(requester\.[a-z_]+)\}/g)].map((m) => m[1] as IdentityPlaceholder);
}

function deny(reason: DenyReason, detail: string): Authorization {
  return { decision: "deny", reason, detail };
}
