/**
 * Intercom's 1.x webhook format puts `user`, `assignee` and `conversation_message` at the top of
 * `data.item`; 2.x carries `contacts`, `source` and `admin_assignee_id` instead. A 1.x conversation
 * passes the 2.x schema's loose objects but normalises wrong (no requester, no first message), so
 * it is detected before validation and refused with the fix. The format follows the app's API
 * version in the Developer Hub (building-apps/docs/update-your-api-version).
 */
export function detectIntercomV1Payload(json: unknown): boolean {
  const item = (json as { data?: { item?: unknown } } | null)?.data?.item;
  if (typeof item !== "object" || item === null || Array.isArray(item)) return false;
  if (Object.hasOwn(item, "conversation_message")) return true;
  const legacy = Object.hasOwn(item, "user") || Object.hasOwn(item, "assignee");
  const current = Object.hasOwn(item, "contacts") || Object.hasOwn(item, "source");
  return legacy && !current;
}

export const INTERCOM_V1_FIX =
  "This Intercom notification uses the 1.x webhook format, which Deskmate does not read. Fix: in the Intercom " +
  "Developer Hub open your app > Webhooks and set its API version to 2.x (2.16 is the version Deskmate is checked " +
  "against), then save the webhook again.";
