import type { HandoffAttachment } from "../domain/handoff.ts";

/** One attachment as the handoff note lists it: "invoice.pdf (application/pdf, 182 KB): listed, not opened". */
export function attachmentLine(attachment: HandoffAttachment): string {
  const size = attachment.bytes === null ? "size unknown" : formatBytes(attachment.bytes);
  const what =
    attachment.status === "read"
      ? "read by the assistant as an image"
      : attachment.status === "listed"
        ? "listed, not opened"
        : `refused${attachment.detail ? ` (${attachment.detail})` : ""}`;
  return `${attachment.name} (${attachment.contentType || "unknown type"}, ${size}): ${what}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
