import type { Settings } from "../config/settings-schema.ts";

/**
 * The helpdesk group an escalation goes to: the admin's group for the category, else the fallback
 * group, else none (`undefined`: the ticket stays where it is).
 */
export function groupForCategory(
  category: string | null | undefined,
  settings: Pick<Settings, "groupByCategory" | "fallbackGroupId">,
): string | undefined {
  const mapped = category ? settings.groupByCategory[category] : undefined;
  return mapped ?? settings.fallbackGroupId ?? undefined;
}
