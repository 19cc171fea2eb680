import type { SettingDefinition } from "./setting-definition.ts";

/**
 * Screenshots on the handled customer message (src/pipeline/message-attachments.ts): part of the
 * single settings table (`settingDefinitions` spreads them in), kept apart only to keep each file readable.
 */
export const attachmentSettings = {
  attachmentsEnabled: {
    name: "attachments_enabled",
    type: "checkbox",
    label: "Read screenshots",
    description:
      "Image attachments (PNG, JPEG, GIF, WebP) on the customer's message are fetched from the helpdesk and " +
      "shown to the model as untrusted customer content. Off: attachments are only listed in the handoff.",
    limits: { maxChars: 8 },
  },
  attachmentMaxBytes: {
    name: "attachment_max_bytes",
    type: "number",
    label: "Largest image (bytes)",
    description:
      "1024 to 5242880. Images larger than this are refused (listed in the handoff as too large); the model " +
      "accepts at most 5 MB per image.",
    limits: { maxChars: 32 },
  },
  attachmentMaxImages: {
    name: "attachment_max_images",
    type: "number",
    label: "Images read per message",
    description: "0 to 5. At most this many images of one message are read; the others are listed as too many.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
