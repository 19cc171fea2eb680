import type { Settings } from "../config/settings-schema.ts";
import type { AttachmentFetch, AttachmentRefusal, ModelImage } from "../domain/attachment.ts";
import type { HandoffAttachment } from "../domain/handoff.ts";
import type { Plan } from "../domain/plan.ts";
import type { Comment, CommentAttachment } from "../domain/ticket.ts";
import { bytesToBase64 } from "../lib/bytes-to-base64.ts";
import type { Logger } from "../lib/logger.ts";
import { declaredImageType } from "../lib/sniff-image-type.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";

/** For one download, redirects included: a screenshot must not hold the decision up for long. */
export const ATTACHMENT_TIMEOUT_MS = 5_000;

/** The files on the handled customer message: images for the model on demand, and a line each for the handoff. */
export interface MessageAttachments {
  /** Starts every download at once on the first call; later calls share them. Never rejects. */
  images(): Promise<ModelImage[]>;
  /** What became of each file so far: images never downloaded (a triage escalation) are only listed. */
  handoff(): HandoffAttachment[];
}

type Slot =
  | { file: CommentAttachment; fetch: false; entry: HandoffAttachment }
  | { file: CommentAttachment; fetch: true; entry: HandoffAttachment; result?: AttachmentFetch };

const REFUSAL_TEXT: Record<AttachmentRefusal, string> = {
  too_large: "too large",
  not_image: "not an image",
  too_many: "too many images on one message",
  off_host: "link outside the helpdesk's attachment hosts",
  fetch_failed: "download failed",
};

/**
 * Sorts the message's files before anything is downloaded: other types are listed and never opened,
 * images past the count limit or declared over the byte limit are refused, the rest wait for
 * `images()`. Null when the message has no files. Logs carry ids, types, sizes and timings, never
 * URLs (signed ones carry tokens) or bytes.
 */
export function messageAttachments(
  comment: Comment,
  settings: Pick<Settings, "attachmentsEnabled" | "attachmentMaxBytes" | "attachmentMaxImages">,
  helpdesk: Pick<Helpdesk, "fetchAttachment">,
  log: Logger,
): MessageAttachments | null {
  const files = comment.attachments ?? [];
  if (files.length === 0) return null;
  let images = 0;
  const slots: Slot[] = files.map((file) => {
    const entry = { name: file.name, contentType: file.contentType, bytes: file.bytes };
    if (!declaredImageType(file.contentType) || !settings.attachmentsEnabled)
      return { file, fetch: false, entry: { ...entry, status: "listed" } };
    images += 1;
    if (images > settings.attachmentMaxImages)
      return { file, fetch: false, entry: { ...entry, status: "refused", detail: refusalText("too_many") } };
    if (file.bytes !== null && file.bytes > settings.attachmentMaxBytes) {
      const detail = refusalText("too_large", `over ${settings.attachmentMaxBytes} bytes`);
      return { file, fetch: false, entry: { ...entry, status: "refused", detail } };
    }
    return { file, fetch: true, entry: { ...entry, status: "listed" } };
  });
  let started: Promise<ModelImage[]> | null = null;

  const download = async (): Promise<ModelImage[]> => {
    const limits = { maxBytes: settings.attachmentMaxBytes, timeoutMs: ATTACHMENT_TIMEOUT_MS };
    const pending = slots.filter((slot): slot is Extract<Slot, { fetch: true }> => slot.fetch);
    await Promise.all(
      pending.map(async (slot) => {
        const t = Date.now();
        slot.result = await helpdesk
          .fetchAttachment(slot.file, limits)
          .catch((): AttachmentFetch => ({ ok: false, refusal: "fetch_failed", detail: "the download failed" }));
        slot.entry = slot.result.ok
          ? { ...slot.entry, contentType: slot.result.mediaType, bytes: slot.result.data.byteLength, status: "read" }
          : { ...slot.entry, status: "refused", detail: refusalText(slot.result.refusal, slot.result.detail) };
        log.info("attachment fetched", {
          attachment_id: slot.file.id,
          content_type: slot.file.contentType,
          declared_bytes: slot.file.bytes,
          status: slot.entry.status,
          ...(slot.result.ok ? { bytes: slot.result.data.byteLength } : { refusal: slot.result.refusal }),
          ms: Date.now() - t,
        });
      }),
    );
    return pending.flatMap((slot) =>
      slot.result?.ok
        ? [{ name: slot.file.name, mediaType: slot.result.mediaType, data: bytesToBase64(slot.result.data) }]
        : [],
    );
  };

  return {
    images: () => {
      started ??= download();
      return started;
    },
    handoff: () => slots.map((slot) => slot.entry),
  };
}

/** The handoff of an escalation lists the message's files; other plans have no handoff to carry them. */
export function withHandoffAttachments(plan: Plan, attachments: HandoffAttachment[] | undefined): Plan {
  if (!plan.handoff || !attachments?.length) return plan;
  return { ...plan, handoff: { ...plan.handoff, attachments } };
}

function refusalText(refusal: AttachmentRefusal, detail?: string): string {
  return detail ? `${REFUSAL_TEXT[refusal]}: ${detail}` : REFUSAL_TEXT[refusal];
}
