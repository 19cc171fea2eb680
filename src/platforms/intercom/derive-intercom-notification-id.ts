import { bytesToHex } from "../../lib/bytes-to-hex.ts";
/**
 * A stable claim id for a signed notification that arrived with `"id": null` (Intercom sends that
 * for `ping`, and it has been seen on other topics). Built from signed bytes that Intercom's retry
 * repeats (topic, workspace, created_at, the conversation snapshot), not from the per-attempt fields
 * (`delivery_attempts`, `delivery_status`, `delivered_at`), so the retry maps to the same id and is
 * deduplicated like any other notification.
 */
export async function deriveIntercomNotificationId(json: Record<string, unknown>): Promise<string> {
  const { topic, app_id: appId, created_at: createdAt, data } = json;
  const canonical = JSON.stringify([topic ?? null, appId ?? null, createdAt ?? null, data ?? null]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return `derived_${bytesToHex(digest).slice(0, 40)}`;
}
