import { flag, setting } from "./setting-field.ts";

/** The data notice's field of the settings schema (definition in data-notice-settings.ts). */
export const dataNoticeSettingFields = {
  dataNotice: setting("dataNotice", flag, true),
};
