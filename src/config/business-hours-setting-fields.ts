import * as z from "zod";
import { isCalendarDate, isTimeZone, parseWeeklyHours } from "../lib/parse-weekly-hours.ts";
import { isPublicHttpsUrl } from "../lib/public-https-url.ts";
import { groupId, listOf, setting, tag } from "./setting-field.ts";
import { toLowerText, toText } from "./setting-inputs.ts";

/**
 * The business-hours fields of the settings schema (definitions in business-hours-settings.ts). Text
 * is checked here and read again where it is used, so an admin sees the value they typed; each
 * error names what is wrong and shows the form to use.
 */
const weeklyHours = z.preprocess(
  toText,
  z.string().superRefine((text, ctx) => {
    const parsed = parseWeeklyHours(text);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
  }),
);

const timeZone = z.preprocess(
  toText,
  z.string().refine(isTimeZone, "not a known IANA time zone; use a name such as Europe/Paris or America/New_York"),
);

const holiday = z.preprocess(
  toText,
  z.string().refine(isCalendarDate, "holidays are dates written YYYY-MM-DD, such as 2026-12-25"),
);

/** "20-60": minutes, the first at least 1 and not above the second (at most a week). */
export const WAIT_RANGE = /^(\d{1,5})\s*-\s*(\d{1,5})$/;
const waitRange = z.preprocess(
  toText,
  z.string().refine((text) => {
    const match = WAIT_RANGE.exec(text);
    const min = Number(match?.[1]);
    const max = Number(match?.[2]);
    return match !== null && min >= 1 && min <= max && max <= 10_080;
  }, "use a range of minutes such as 20-60 (lowest first, at most 10080)"),
);

const webhookUrl = z.preprocess(
  toText,
  z.string().refine(isPublicHttpsUrl, "use an https URL on a public host (no IP literals, localhost or private names)"),
);

export const businessHoursSettingFields = {
  businessHoursSource: setting(
    "businessHoursSource",
    z.preprocess(toLowerText, z.enum(["setting", "helpdesk", "always_open"])),
    "setting",
  ),
  businessHours: setting("businessHours", weeklyHours.nullable(), null),
  businessHoursTimeZone: setting("businessHoursTimeZone", timeZone, "UTC"),
  holidays: setting(
    "holidays",
    listOf("holidays", () => holiday, { commas: true }),
    [],
  ),
  expectedWaitMinutes: setting("expectedWaitMinutes", waitRange.nullable(), null),
  onCallGroupId: setting("onCallGroupId", groupId.nullable(), null),
  onCallTag: setting("onCallTag", z.preprocess(toText, tag).nullable(), null),
  onCallWebhookUrl: setting("onCallWebhookUrl", webhookUrl.nullable(), null),
};
