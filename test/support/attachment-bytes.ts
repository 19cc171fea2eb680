/**
 * Small real image files (and impostors) for attachment tests: the magic numbers are what a real PNG,
 * JPEG, GIF or WebP starts with, followed by filler up to the size asked for.
 */
const MAGIC = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  gif: [...ascii("GIF89a")],
  webp: [...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WEBPVP8 ")],
  pdf: [...ascii("%PDF-1.7\n")],
  html: [...ascii("<!doctype html><p>hi</p>")],
} as const;

export type FileKind = keyof typeof MAGIC;

/** `size` bytes starting with the magic number of `kind`. */
export function fileBytes(kind: FileKind, size = 256): Uint8Array {
  const bytes = new Uint8Array(Math.max(size, MAGIC[kind].length));
  bytes.set(MAGIC[kind]);
  for (let i = MAGIC[kind].length; i < bytes.length; i += 1) bytes[i] = (i * 31) % 251;
  return bytes;
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
