import { policyPatterns, type GuardrailPolicy, type SensitiveTopicHandler } from "./policy-file.ts";

/**
 * The first sensitive-topic handler (in policy order) whose patterns match the customer's text, or
 * null. Deterministic, so the model never decides whether a topic is sensitive.
 */
export function matchSensitiveTopic(text: string, policy: Pick<GuardrailPolicy, "sensitiveTopics">): SensitiveTopicHandler | null {
  return policy.sensitiveTopics.find((handler) => policyPatterns(handler).some((re) => re.test(text))) ?? null;
}

/** Prohibited topics (policy) found in a reply, by name: the output validator blocks these. */
export function findProhibitedTopics(reply: string, policy: Pick<GuardrailPolicy, "prohibitedTopics">): string[] {
  return policy.prohibitedTopics.filter((entry) => policyPatterns(entry).some((re) => re.test(reply))).map((entry) => entry.topic);
}
