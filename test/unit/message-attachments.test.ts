import { describe, expect, it } from "vitest";
import type { AttachmentFetch, AttachmentLimits } from "../../src/domain/attachment.ts";
import type { Comment, CommentAttachment } from "../../src/domain/ticket.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { messageAttachments } from "../../src/pipeline/message-attachments.ts";
import { fileBytes } from "../support/attachment-bytes.ts";

const settings = { attachmentsEnabled: true, attachmentMaxBytes: 10_000, attachmentMaxImages: 2 };

const file = (name: string, contentType: string, bytes: number | null = 500): CommentAttachment => ({
  id: name,
  name,
  contentType,
  bytes,
  url: `https://acme.zendesk.com/attachments/token/${name}/?name=${name}`,
});

const comment = (attachments: CommentAttachment[]): Comment => ({
  id: "c1",
  authorId: "1001",
  authorRole: "end-user",
  isPublic: true,
  body: "see attached",
  createdAt: "2026-12-01T10:00:00Z",
  attachments,
});

/** A helpdesk whose downloads answer every image with a real PNG; it keeps what it was asked for. */
function helpdesk(
  answer: (f: CommentAttachment) => AttachmentFetch = () => ({
    ok: true,
    mediaType: "image/png",
    data: fileBytes("png", 300),
  }),
) {
  const asked: Array<{ name: string; limits: AttachmentLimits }> = [];
  return {
    asked,
    fetchAttachment: async (f: CommentAttachment, limits: AttachmentLimits) => {
      asked.push({ name: f.name, limits });
      return answer(f);
    },
  };
}

describe("messageAttachments: what is downloaded, listed or refused", () => {
  it("is null for a message without files", () => {
    expect(messageAttachments(comment([]), settings, helpdesk(), createMemoryLogger().logger)).toBeNull();
  });

  it("lists non-images unopened, refuses images past the count and the declared size, reads the rest", async () => {
    const desk = helpdesk();
    const { logger, lines } = createMemoryLogger();
    const files = [
      file("invoice.pdf", "application/pdf"),
      file("a.png", "image/png"),
      file("huge.jpg", "image/jpeg", 50_000),
      file("b.png", "image/png"),
      file("c.png", "image/png"),
    ];
    const reading = messageAttachments(comment(files), settings, desk, logger);
    // Nothing is downloaded until the model needs the images: until then images are only listed.
    expect(desk.asked).toEqual([]);
    expect(reading?.handoff().map((a) => [a.name, a.status])).toEqual([
      ["invoice.pdf", "listed"],
      ["a.png", "listed"],
      ["huge.jpg", "refused"],
      ["b.png", "refused"],
      ["c.png", "refused"],
    ]);
    const images = await reading?.images();
    expect(images?.map((i) => [i.name, i.mediaType])).toEqual([["a.png", "image/png"]]);
    expect(desk.asked).toEqual([{ name: "a.png", limits: { maxBytes: 10_000, timeoutMs: 5000 } }]);
    expect(reading?.handoff().map((a) => [a.name, a.status, a.detail ?? null])).toEqual([
      ["invoice.pdf", "listed", null],
      ["a.png", "read", null],
      ["huge.jpg", "refused", "too large: over 10000 bytes"],
      ["b.png", "refused", "too many images on one message"],
      ["c.png", "refused", "too many images on one message"],
    ]);
    // Logs: ids, types, sizes, timings; never the URL (signed URLs carry tokens).
    const line = lines.find((l) => l.msg === "attachment fetched");
    expect(line).toMatchObject({ attachment_id: "a.png", content_type: "image/png", bytes: 300, status: "read" });
    expect(JSON.stringify(lines)).not.toContain("attachments/token");
  });

  it("downloads once however often the images are asked for, all at once", async () => {
    const desk = helpdesk();
    const reading = messageAttachments(
      comment([file("a.png", "image/png"), file("b.gif", "image/gif")]),
      settings,
      desk,
      createMemoryLogger().logger,
    );
    await Promise.all([reading?.images(), reading?.images()]);
    await reading?.images();
    expect(desk.asked.map((a) => a.name)).toEqual(["a.png", "b.gif"]);
  });

  it("a refused download is listed with why; a throwing adapter is a failed download", async () => {
    const desk = helpdesk((f) =>
      f.name === "a.png"
        ? { ok: false, refusal: "off_host", detail: "redirected off the helpdesk's attachment hosts" }
        : ({} as never),
    );
    const throwing = { fetchAttachment: async () => Promise.reject(new Error("boom")) };
    const logger = createMemoryLogger().logger;
    const refused = messageAttachments(comment([file("a.png", "image/png")]), settings, desk, logger);
    expect(await refused?.images()).toEqual([]);
    expect(refused?.handoff()[0]?.detail).toBe(
      "link outside the helpdesk's attachment hosts: redirected off the helpdesk's attachment hosts",
    );
    const failed = messageAttachments(comment([file("a.png", "image/png")]), settings, throwing, logger);
    expect(await failed?.images()).toEqual([]);
    expect(failed?.handoff()[0]).toMatchObject({ status: "refused", detail: "download failed: the download failed" });
  });

  it("with reading turned off, images are only listed and nothing is downloaded", async () => {
    const desk = helpdesk();
    const reading = messageAttachments(
      comment([file("a.png", "image/png")]),
      { ...settings, attachmentsEnabled: false },
      desk,
      createMemoryLogger().logger,
    );
    expect(await reading?.images()).toEqual([]);
    expect(desk.asked).toEqual([]);
    expect(reading?.handoff()[0]?.status).toBe("listed");
  });
});
