import * as z from "zod";
import { INTENT_CATEGORIES } from "../domain/triage.ts";
import { IDENTITY_PLACEHOLDERS } from "./requester-identity.ts";
import { parametersSchema } from "./parameter-schema.ts";

/** Size limits: every action becomes a tool schema in each model call, and admins write overrides by hand. */
const LIMITS = { actions: 50, nameChars: 64, descriptionChars: 1000, urlChars: 2000, versionChars: 64 } as const;

/**
 * The action catalog: policy-as-code for what the assistant may do in the company's own backend.
 * The default file ships with the deploy (default-catalog.json); a workspace may override entries
 * by name. Secrets are named, never inlined: `auth.secret` is the name of a Worker secret.
 */
const amountRule = z.strictObject({ amountParam: z.string(), maxAmount: z.number().positive() });
const thresholdRule = z.strictObject({ amountParam: z.string(), above: z.number().nonnegative() });

export const actionDefinitionSchema = z
  .strictObject({
    name: z
      .string()
      .max(LIMITS.nameChars)
      .regex(/^[a-z][a-z0-9_]*$/, "action names are snake_case"),
    description: z.string().min(1).max(LIMITS.descriptionChars),
    kind: z.enum(["read", "write"]),
    request: z.strictObject({
      method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
      /** A path (joined to the base URL from `DESKMATE_ACTIONS_BASE_URL`) or an absolute https URL. */
      url: z
        .string()
        .max(LIMITS.urlChars)
        .regex(/^(\/|https:\/\/)/, "url must be a path starting " + "with / or an https URL"),
      auth: z
        .strictObject({
          header: z
            .string()
            .max(LIMITS.nameChars)
            .regex(/^[A-Za-z0-9-]+$/),
          secret: z
            .string()
            .max(LIMITS.nameChars)
            .regex(/^[A-Z][A-Z0-9_]*$/, "secret is the NAME of a Worker secret, " + "not its value"),
          /** Prefix before the secret value, e.g. "Bearer ". */
          scheme: z.string().max(LIMITS.nameChars).optional(),
        })
        .optional(),
    }),
    parameters: parametersSchema,
    intents: z.array(z.enum(INTENT_CATEGORIES)).min(1).max(INTENT_CATEGORIES.length),
    requiresVerifiedRequester: z.boolean(),
    limits: amountRule.optional(),
    approvalThreshold: thresholdRule.optional(),
    /** The backend honours Idempotency-Key, so a human may safely re-send the prepared call. */
    idempotent: z.boolean(),
    /** A failure escalates with `tool_error` instead of letting the model answer without it. */
    critical: z.boolean(),
    /**
     * The action reads the customer's own account data (orders, invoices, profile): the first time on a
     * ticket, the reply tells the customer so (the data notice). Read actions only; absent means true,
     * so a new read action gives the notice unless it is declared not to (e.g. public shipping rates).
     */
    readsAccountData: z.boolean().optional(),
    timeoutMs: z.number().int().positive().max(30_000).default(5_000),
  })
  .superRefine(checkReferences);

export const catalogSchema = z.strictObject({
  version: z
    .string()
    .min(1)
    .max(2 * LIMITS.versionChars + 1),
  actions: z.array(actionDefinitionSchema).max(LIMITS.actions, `at most ${LIMITS.actions} actions`),
});

/** A workspace override: replace or add whole entries by name, or switch one off. */
export const catalogOverrideSchema = z.strictObject({
  version: z.string().min(1).max(LIMITS.versionChars).optional(),
  actions: z
    .array(z.union([z.strictObject({ name: z.string(), disabled: z.literal(true) }), z.unknown()]))
    .max(LIMITS.actions, `at most ${LIMITS.actions} entries`),
});

export type ActionDefinition = z.infer<typeof actionDefinitionSchema>;
export type ActionCatalog = z.infer<typeof catalogSchema>;

type Definition = Omit<ActionDefinition, "timeoutMs">;

/** Cross-field rules zod cannot express per field: every reference must point at something declared. */
function checkReferences(a: Definition, ctx: z.core.$RefinementCtx<Definition>): void {
  const declared = a.parameters.properties;
  for (const match of a.request.url.matchAll(/\{([^}]*)\}/g)) {
    const name = match[1] ?? "";
    if (!(name in declared) && !(IDENTITY_PLACEHOLDERS as readonly string[]).includes(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["request", "url"],
        message: `placeholder {${name}} is neither a parameter nor a requester field`,
      });
    }
  }
  for (const name of a.parameters.required) {
    if (!(name in declared))
      ctx.addIssue({
        code: "custom",
        path: ["parameters", "required"],
        message: `${name} is required but not declared`,
      });
  }
  if ("requester" in declared)
    ctx.addIssue({
      code: "custom",
      path: ["parameters", "properties"],
      message: "requester is reserved for the injected identity",
    });
  for (const [key, rule] of [
    ["limits", a.limits],
    ["approvalThreshold", a.approvalThreshold],
  ] as const) {
    if (rule && declared[rule.amountParam]?.type !== "number" && declared[rule.amountParam]?.type !== "integer") {
      ctx.addIssue({
        code: "custom",
        path: [key, "amountParam"],
        message: `${rule.amountParam} is not a declared numeric parameter`,
      });
    }
  }
  if (a.limits && a.approvalThreshold && a.approvalThreshold.above >= a.limits.maxAmount) {
    ctx.addIssue({
      code: "custom",
      path: ["approvalThreshold", "above"],
      message: "approval threshold must be below the hard limit",
    });
  }
  if (a.kind === "write" && a.readsAccountData !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["readsAccountData"],
      message: "only read actions declare readsAccountData (the notice is about looking up); remove it",
    });
  }
  if (a.kind === "read" && a.request.method !== "GET") {
    ctx.addIssue({ code: "custom", path: ["request", "method"], message: "read actions use GET" });
  }
}

export function findAction(catalog: ActionCatalog, name: string): ActionDefinition | undefined {
  return catalog.actions.find((a) => a.name === name);
}
