import { normalizeText } from "../lib/normalize-text.ts";
import { policyPatterns, type GuardrailPolicy, type SensitiveTopicHandler } from "./policy-file.ts";

/**
 * The first sensitive-topic handler (in policy order) whose patterns match the customer's text, or
 * null. Deterministic, so the model never decides whether a topic is sensitive. Patterns see the
 * normalized text: a zero-width character must not hide "passed away".
 */
export function matchSensitiveTopic(
  text: string,
  policy: Pick<GuardrailPolicy, "sensitiveTopics">,
): SensitiveTopicHandler | null {
  const clean = normalizeText(text);
  return policy.sensitiveTopics.find((handler) => policyPatterns(handler).some((re) => re.test(clean))) ?? null;
}

/** Prohibited topics (policy) found in a reply, by name: the output validator blocks these. */
export function findProhibitedTopics(reply: string, policy: Pick<GuardrailPolicy, "prohibitedTopics">): string[] {
  const clean = normalizeText(reply);
  return policy.prohibitedTopics
    .filter((entry) => policyPatterns(entry).some((re) => re.test(clean)))
    .map((entry) => entry.topic);
}
