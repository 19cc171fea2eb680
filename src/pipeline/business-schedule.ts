import type { BusinessSchedule } from "../handoff/business-hours.ts";
import { isCalendarDate, isTimeZone, mergeRanges, parseWeeklyHours } from "../lib/parse-weekly-hours.ts";
import type { HelpdeskBusinessHours } from "../ports/helpdesk.ts";
import type { EscalationStepInput } from "./escalation-step.ts";

/** A helpdesk schedule is read at most this often per account (it changes rarely; escalations are many). */
const CACHE_SECONDS = 3600;

/**
 * The schedule the wait is measured against, by `business_hours_source`: the `business_hours` setting
 * (none when empty: no off-hours handling), the helpdesk's own (cached an hour; a failed or missing
 * one falls back to the setting, and `lines` says so for the note), or none (`always_open`).
 */
export async function businessSchedule(
  input: Pick<EscalationStepInput, "settings" | "helpdesk" | "store" | "log">,
): Promise<{ schedule: BusinessSchedule | null; lines: string[] }> {
  const { settings } = input;
  if (settings.businessHoursSource === "always_open") return { schedule: null, lines: [] };
  const fromSetting = settingSchedule(settings);
  if (settings.businessHoursSource === "setting") return { schedule: fromSetting, lines: [] };
  const read = await helpdeskHours(input);
  if (read.status === "found") {
    return {
      schedule: { timeZone: read.timeZone, ranges: mergeRanges(read.ranges), holidays: read.holidays },
      lines: [`Business hours: the helpdesk's schedule "${read.name}" (${read.timeZone}).`],
    };
  }
  const fallback = fromSetting ? "the business_hours setting is used" : "no business hours apply";
  return { schedule: fromSetting, lines: [`Business hours: ${read.reason}; ${fallback}.`] };
}

function settingSchedule(settings: EscalationStepInput["settings"]): BusinessSchedule | null {
  const parsed = settings.businessHours ? parseWeeklyHours(settings.businessHours) : null;
  if (!parsed?.ok) return null;
  return { timeZone: settings.businessHoursTimeZone, ranges: parsed.ranges, holidays: settings.holidays };
}

async function helpdeskHours(
  input: Pick<EscalationStepInput, "helpdesk" | "store" | "log">,
): Promise<HelpdeskBusinessHours> {
  const key = input.store.key("business-hours");
  const cached = await input.store.kv.get(key).catch(() => null);
  const parsed = cached ? cachedHours(cached) : null;
  if (parsed) return parsed;
  const started = Date.now();
  try {
    const read = await input.helpdesk.businessHours();
    input.log.info("business hours read", { status: read.status, ms: Date.now() - started });
    // Only a found schedule is kept: "not available here" is cheap to learn again, a failure is not kept.
    if (read.status === "found")
      await input.store.kv.set(key, JSON.stringify(read), CACHE_SECONDS).catch(() => undefined);
    return read;
  } catch (error) {
    input.log.warn("business hours read failed", { error: String(error), ms: Date.now() - started });
    return { status: "unavailable", reason: "the helpdesk's schedule could not be read" };
  }
}

/** A cached schedule, checked again: a value that does not look right is read afresh. */
function cachedHours(text: string): HelpdeskBusinessHours | null {
  try {
    const value = JSON.parse(text) as Partial<Extract<HelpdeskBusinessHours, { status: "found" }>>;
    const ok =
      value.status === "found" &&
      typeof value.name === "string" &&
      typeof value.timeZone === "string" &&
      isTimeZone(value.timeZone) &&
      Array.isArray(value.ranges) &&
      value.ranges.every((r) => Number.isInteger(r?.start) && Number.isInteger(r?.end)) &&
      Array.isArray(value.holidays) &&
      value.holidays.every((d) => typeof d === "string" && isCalendarDate(d));
    return ok ? (value as HelpdeskBusinessHours) : null;
  } catch {
    return null;
  }
}
