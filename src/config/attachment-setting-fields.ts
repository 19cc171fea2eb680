import { flag, intBetween, setting } from "./setting-field.ts";

/** The model's own per-image limit (Messages API vision: 5 MB per image). */
export const MODEL_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The screenshot fields of the settings schema (definitions in attachment-settings.ts). Three images
 * cover a typical "here is the error, here is the order page" message while keeping the call's input
 * tokens (about 1,600 per screenshot) and fetch time bounded.
 */
export const attachmentSettingFields = {
  attachmentsEnabled: setting("attachmentsEnabled", flag, true),
  attachmentMaxBytes: setting("attachmentMaxBytes", intBetween(1024, MODEL_IMAGE_MAX_BYTES), MODEL_IMAGE_MAX_BYTES),
  attachmentMaxImages: setting("attachmentMaxImages", intBetween(0, 5), 3),
};
