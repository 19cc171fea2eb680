import type { DecisionRecord } from "../../src/domain/ledger.ts";

/** The admin token both demo workers are started with (DESKMATE_ADMIN_TOKEN). */
export const DEMO_ADMIN_TOKEN = "deskmate-demo-admin-token";

/** GET an admin endpoint of a demo worker as JSON; a non-200 answer is an error with its body. */
export async function adminGet<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every decision row of one account on the given UTC days (one page of up to 1,000: plenty for the demo). */
export async function decisionRows(
  base: string,
  platform: "zendesk" | "intercom",
  account: string,
  days: { from: string; to: string },
): Promise<DecisionRecord[]> {
  const query = `platform=${platform}&account=${account}&from=${days.from}&to=${days.to}&limit=1000`;
  const page = await adminGet<{ decisions: DecisionRecord[]; next_cursor: string | null }>(
    base,
    `/admin/decisions?${query}`,
  );
  return page.decisions;
}

/** The UTC day of an instant, as the admin endpoints take it. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
