import type { Logger } from "../lib/logger.ts";
import defaultPolicyJson from "./default-policy.json" with { type: "json" };
import { loadPolicy, type GuardrailPolicy } from "./policy-file.ts";

export type GuardrailPolicyResolver = (workspace: string, override: unknown) => GuardrailPolicy;

/**
 * The effective guardrail policy per workspace: the bundled default merged with the workspace's
 * override. A rejected override keeps that workspace's last good policy (per isolate; the default
 * after a cold start) and logs every problem with the fix, so a typo in a policy never switches
 * guardrails off and never takes the assistant down.
 */
export function createGuardrailPolicyResolver(
  logger: Logger,
  defaults: unknown = defaultPolicyJson,
): GuardrailPolicyResolver {
  const lastGood = new Map<string, GuardrailPolicy>();
  return function resolveGuardrailPolicy(workspace, override) {
    const { policy, problems } = loadPolicy(defaults, override, lastGood.get(workspace) ?? null);
    if (problems.length) {
      logger.warn("guardrail policy rejected: keeping the last good policy", {
        workspace,
        problems,
        fix:
          "correct the listed fields of the guardrail policy override " +
          "(see src/guardrails/default-policy.json for the shape)",
      });
    } else {
      lastGood.set(workspace, policy);
    }
    return policy;
  };
}
