import { describe, expect, it } from "vitest";
import { fetchAttachmentBytes, type AttachmentHosts } from "../../src/lib/fetch-attachment-bytes.ts";
import { sniffImageType } from "../../src/lib/sniff-image-type.ts";
import { fileBytes } from "../support/attachment-bytes.ts";

/** A tiny web of hosts: each URL answers with a fixed response; every request is kept. */
function web(routes: Record<string, () => Response>) {
  const seen: Array<{ url: string; authorization: string | null; redirect: string | undefined }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, authorization: new Headers(init?.headers).get("authorization"), redirect: init?.redirect });
    const route = routes[url];
    return route ? route() : new Response("not found", { status: 404 });
  }) as typeof fetch;
  return { fetchFn, seen };
}

const hosts: AttachmentHosts = {
  allowed: (url) => url.origin === "https://acme.zendesk.com" || url.hostname.endsWith(".zdusercontent.com"),
  headers: async (url) => (url.origin === "https://acme.zendesk.com" ? { authorization: "Bearer secret" } : {}),
};
const limits = { maxBytes: 1000, timeoutMs: 2000 };
const CONTENT = "https://acme.zendesk.com/attachments/token/abc/?name=shot.png";
const STORAGE = "https://acme.zdusercontent.com/attachment/1/shot.png?token=xyz";

const image =
  (bytes: Uint8Array, headers: Record<string, string> = {}) =>
  () =>
    new Response(bytes, { headers: { "content-type": "image/png", ...headers } });
const redirect = (location: string) => () => new Response(null, { status: 302, headers: { location } });

describe("sniffImageType", () => {
  it.each([
    ["png", "image/png"],
    ["jpeg", "image/jpeg"],
    ["gif", "image/gif"],
    ["webp", "image/webp"],
    ["pdf", null],
    ["html", null],
  ] as const)("%s bytes are %s", (kind, type) => {
    expect(sniffImageType(fileBytes(kind))).toBe(type);
  });
});

describe("fetchAttachmentBytes: only checked images from the helpdesk's own hosts", () => {
  it("follows the account host's redirect by hand, with credentials on the account host only", async () => {
    const { fetchFn, seen } = web({ [CONTENT]: redirect(STORAGE), [STORAGE]: image(fileBytes("png", 300)) });
    const result = await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, fetchFn);
    expect(result).toMatchObject({ ok: true, mediaType: "image/png" });
    expect(result.ok && result.data.byteLength).toBe(300);
    expect(seen.map((s) => [s.url, s.authorization, s.redirect])).toEqual([
      [CONTENT, "Bearer secret", "manual"],
      [STORAGE, null, "manual"],
    ]);
  });

  it("refuses a redirect off the helpdesk's hosts without requesting it", async () => {
    const { fetchFn, seen } = web({ [CONTENT]: redirect("https://evil.example/steal.png") });
    const result = await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, fetchFn);
    expect(result).toEqual({
      ok: false,
      refusal: "off_host",
      detail: "redirected off the helpdesk's attachment hosts",
    });
    expect(seen.map((s) => s.url)).toEqual([CONTENT]);
  });

  it("refuses a URL that is not on the helpdesk's hosts at all, requesting nothing", async () => {
    const { fetchFn, seen } = web({});
    const result = await fetchAttachmentBytes("https://evil.example/a.png", "image/png", hosts, limits, fetchFn);
    expect(result).toMatchObject({ ok: false, refusal: "off_host" });
    expect(seen).toEqual([]);
  });

  it("refuses a non-image declared type without downloading it", async () => {
    const { fetchFn, seen } = web({ [CONTENT]: image(fileBytes("pdf")) });
    const result = await fetchAttachmentBytes(CONTENT, "application/pdf", hosts, limits, fetchFn);
    expect(result).toMatchObject({ ok: false, refusal: "not_image" });
    expect(seen).toEqual([]);
  });

  it("refuses a file whose declared image type lies (the bytes are a PDF)", async () => {
    const { fetchFn } = web({ [CONTENT]: image(fileBytes("pdf")) });
    const result = await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, fetchFn);
    expect(result).toMatchObject({ ok: false, refusal: "not_image" });
  });

  it("refuses an image of another type than declared (declared JPEG, the bytes are PNG)", async () => {
    const { fetchFn } = web({ [CONTENT]: image(fileBytes("png")) });
    const result = await fetchAttachmentBytes(CONTENT, "image/jpeg", hosts, limits, fetchFn);
    expect(result).toEqual({
      ok: false,
      refusal: "not_image",
      detail: "declared image/jpeg but the bytes are image/png",
    });
  });

  it("stops reading past the byte limit even when Content-Length claims a small file", async () => {
    const { fetchFn } = web({ [CONTENT]: image(fileBytes("png", 5000), { "content-length": "100" }) });
    const result = await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, fetchFn);
    expect(result).toMatchObject({ ok: false, refusal: "too_large" });
  });

  it("accepts exactly the byte limit", async () => {
    const { fetchFn } = web({ [CONTENT]: image(fileBytes("png", 1000)) });
    expect(await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, fetchFn)).toMatchObject({ ok: true });
  });

  it("gives up on a redirect loop and on an error status", async () => {
    const loop = web({ [CONTENT]: redirect(CONTENT) });
    expect(await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, loop.fetchFn)).toMatchObject({
      ok: false,
      refusal: "fetch_failed",
    });
    expect(loop.seen.length).toBe(4);
    const gone = web({});
    expect(await fetchAttachmentBytes(CONTENT, "image/png", hosts, limits, gone.fetchFn)).toEqual({
      ok: false,
      refusal: "fetch_failed",
      detail: "HTTP 404",
    });
  });

  it("refuses plain http to the storage host", async () => {
    const strict: AttachmentHosts = { ...hosts, allowed: (url) => url.protocol === "https:" && hosts.allowed(url) };
    const { fetchFn } = web({ [CONTENT]: redirect("http://acme.zdusercontent.com/a.png") });
    expect(await fetchAttachmentBytes(CONTENT, "image/png", strict, limits, fetchFn)).toMatchObject({
      refusal: "off_host",
    });
  });

  it("a download that never answers ends as fetch_failed within its timeout", async () => {
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    const result = await fetchAttachmentBytes(CONTENT, "image/png", hosts, { ...limits, timeoutMs: 20 }, hanging);
    expect(result).toEqual({ ok: false, refusal: "fetch_failed", detail: "no answer within 20 ms" });
  });
});
