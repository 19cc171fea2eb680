import type { AttachmentFetch, AttachmentLimits } from "../domain/attachment.ts";
import { declaredImageType, sniffImageType } from "./sniff-image-type.ts";

/** The helpdesk's rules for one download: which hosts it serves files from, and which need its auth. */
export interface AttachmentHosts {
  /** True for URLs on the helpdesk's own attachment hosts; everything else is refused, redirects included. */
  allowed(url: URL): boolean;
  /** Headers for this URL: the helpdesk's auth on its own API host only, never on a CDN or storage host. */
  headers(url: URL): Promise<Record<string, string>>;
}

/** A download host redirects once (Zendesk: account host → signed storage URL); a few more is a loop. */
const MAX_REDIRECTS = 3;

/**
 * Downloads one image attachment: redirects followed by hand and only to allowed hosts, the body read
 * up to `maxBytes` (Content-Length is not trusted), the declared type and the magic bytes both an
 * image type the model reads, all within one timeout. Never throws; the detail names no URL (signed
 * URLs carry tokens).
 */
export async function fetchAttachmentBytes(
  url: string,
  declaredType: string,
  hosts: AttachmentHosts,
  limits: AttachmentLimits,
  fetchFn: typeof fetch,
): Promise<AttachmentFetch> {
  const declared = declaredImageType(declaredType);
  if (!declared) return refused("not_image", `declared type ${declaredType || "unknown"} is not an image type`);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    let target = new URL(url);
    for (let hop = 0; ; hop += 1) {
      if (!hosts.allowed(target)) {
        return refused(
          "off_host",
          hop === 0 ? "not on the helpdesk's attachment hosts" : "redirected off the helpdesk's attachment hosts",
        );
      }
      const response = await fetchFn(target.toString(), {
        method: "GET",
        headers: await hosts.headers(target),
        redirect: "manual",
        signal,
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (!location) return refused("fetch_failed", `HTTP ${response.status} without a Location`);
        if (hop >= MAX_REDIRECTS) return refused("fetch_failed", `more than ${MAX_REDIRECTS} redirects`);
        target = new URL(location, target);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return refused("fetch_failed", `HTTP ${response.status}`);
      }
      const data = await readAtMost(response, limits.maxBytes);
      if (!data) return refused("too_large", `over ${limits.maxBytes} bytes`);
      const actual = sniffImageType(data);
      if (!actual) return refused("not_image", "the bytes are not a PNG, JPEG, GIF or WebP image");
      if (actual !== declared) return refused("not_image", `declared ${declared} but the bytes are ${actual}`);
      return { ok: true, mediaType: actual, data };
    }
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return refused("fetch_failed", timedOut ? `no answer within ${limits.timeoutMs} ms` : "the download failed");
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is never read). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return data;
}

function refused(refusal: Exclude<AttachmentFetch, { ok: true }>["refusal"], detail: string): AttachmentFetch {
  return { ok: false, refusal, detail };
}
