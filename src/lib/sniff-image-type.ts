import type { ImageMediaType } from "../domain/attachment.ts";

/**
 * The image format the bytes really are, from their magic numbers, or null. The declared type of an
 * attachment is the uploader's word; a file named screenshot.png with type image/png may be anything.
 */
export function sniffImageType(bytes: Uint8Array): ImageMediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes.subarray(8), ascii("WEBP"))) return "image/webp";
  return null;
}

/** A declared content type as one of the model's image types ("image/jpg" is JPEG), or null. */
export function declaredImageType(contentType: string): ImageMediaType | null {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "image/jpg" || type === "image/pjpeg") return "image/jpeg";
  return type === "image/png" || type === "image/jpeg" || type === "image/gif" || type === "image/webp" ? type : null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
