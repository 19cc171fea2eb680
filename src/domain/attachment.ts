/** The image formats the model reads (Messages API vision: JPEG, PNG, GIF, WebP). */
export const IMAGE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/** Why an attachment was not given to the model; the handoff note says it in words. */
export type AttachmentRefusal = "too_large" | "not_image" | "too_many" | "off_host" | "fetch_failed";

/** What one attachment download may use. */
export interface AttachmentLimits {
  /** Bytes read at most; a longer body is refused whatever its Content-Length said. */
  maxBytes: number;
  /** For the whole download, redirects included. */
  timeoutMs: number;
}

/** One attachment download: the checked image, or why it was refused. */
export type AttachmentFetch =
  | { ok: true; mediaType: ImageMediaType; data: Uint8Array }
  | { ok: false; refusal: AttachmentRefusal; detail: string };

/** An image as the model receives it: untrusted customer content. */
export interface ModelImage {
  name: string;
  mediaType: ImageMediaType;
  /** Base64 of the bytes. Never logged. */
  data: string;
}
