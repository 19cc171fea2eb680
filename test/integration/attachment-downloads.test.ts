import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommentAttachment } from "../../src/domain/ticket.ts";
import type { Helpdesk } from "../../src/ports/helpdesk.ts";
import { fileBytes } from "../support/attachment-bytes.ts";
import { createIntercomSandbox } from "../support/intercom-sandbox.ts";
import { sandboxIntercomHelpdesk } from "../support/intercom-sandbox/sandbox-helpdesk.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import type { SandboxUpload } from "../support/sandbox-attachments.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";
import { SANDBOX_OAUTH, sandboxHelpdesk } from "../support/zendesk-sandbox/sandbox-helpdesk.ts";

const zendesk = createZendeskSandbox({ oauthClient: SANDBOX_OAUTH });
const intercom = createIntercomSandbox();
// A host outside both helpdesks that an upload's link may point at; a request to it would be a leak.
const outside: string[] = [];
const evil = http.get("https://evil.example/*", ({ request }) => {
  outside.push(request.url);
  return new HttpResponse(fileBytes("png").slice().buffer, { headers: { "content-type": "image/png" } });
});
useMswServer(...zendesk.handlers, ...intercom.handlers, evil);
beforeEach(() => {
  zendesk.reset();
  intercom.reset();
  outside.length = 0;
});
afterEach(() => {
  expectRequestsMatchSpec(zendesk.requests);
  expectRequestsMatchSpec(intercom.requests);
});

const limits = { maxBytes: 4096, timeoutMs: 2000 };
const shot = (over: Partial<SandboxUpload> = {}): SandboxUpload => ({
  fileName: "screenshot.png",
  contentType: "image/png",
  bytes: fileBytes("png", 1200),
  ...over,
});

/** Stage one customer message with these files on each platform; returns the adapter and the listed files. */
const platforms: Record<
  string,
  (uploads: SandboxUpload[]) => Promise<{ helpdesk: Helpdesk; files: CommentAttachment[] }>
> = {
  zendesk: async (uploads) => {
    const customer = zendesk.addCustomer("Attachment Customer");
    const ticket = zendesk.addTicket({
      subject: "Error on checkout",
      requesterId: customer.id,
      comments: [{ authorId: customer.id, body: "See the screenshot" }],
    });
    const commentId = ticket.comments.at(-1)?.id ?? 0;
    zendesk.attach(ticket.id, commentId, uploads);
    const { helpdesk } = sandboxHelpdesk(zendesk.baseUrl);
    const context = await helpdesk.getTicketContext(String(ticket.id), { requesterId: String(customer.id) });
    return { helpdesk, files: context.comments.find((c) => c.id === String(commentId))?.attachments ?? [] };
  },
  intercom: async (uploads) => {
    const contact = intercom.addContact("Attachment Customer");
    const conversation = intercom.addConversation({
      contactId: contact.id,
      parts: [
        { author: "user", body: "Hello" },
        { author: "user", body: "See the screenshot" },
      ],
    });
    const partId = conversation.parts.at(-1)?.id ?? "";
    intercom.attach(conversation.id, partId, uploads);
    const { helpdesk } = sandboxIntercomHelpdesk(intercom.baseUrl);
    const context = await helpdesk.getTicketContext(conversation.id);
    return { helpdesk, files: context.comments.find((c) => c.id === partId)?.attachments ?? [] };
  },
};

describe.each(Object.keys(platforms))("%s: attachments listed with the comments, fetched one by one", (platform) => {
  const stage = (uploads: SandboxUpload[]) => (platforms[platform] as (typeof platforms)[string])(uploads);

  it("lists each file from the comments read (name, type, size) with no extra request", async () => {
    const before = platform === "zendesk" ? zendesk.requests.length : intercom.requests.length;
    const { files } = await stage([shot(), shot({ fileName: "invoice.pdf", contentType: "application/pdf" })]);
    expect(files.map((f) => [f.name, f.contentType, f.bytes])).toEqual([
      ["screenshot.png", "image/png", 1200],
      ["invoice.pdf", "application/pdf", 1200],
    ]);
    const requests = platform === "zendesk" ? zendesk.requests : intercom.requests;
    expect(requests.slice(before).some((r) => /attachment|\/i\/o\//.test(r.path))).toBe(false);
  });

  it("downloads an image with the helpdesk's auth only where its host needs it", async () => {
    const { helpdesk, files } = await stage([shot()]);
    const result = await helpdesk.fetchAttachment(files[0] as CommentAttachment, limits);
    expect(result).toMatchObject({ ok: true, mediaType: "image/png" });
    expect(result.ok && result.data).toEqual(fileBytes("png", 1200));
  });

  it("refuses an image over the byte limit while reading, whatever size the helpdesk reported", async () => {
    const { helpdesk, files } = await stage([shot({ bytes: fileBytes("png", 9000), declaredSize: 900 })]);
    expect(await helpdesk.fetchAttachment(files[0] as CommentAttachment, limits)).toMatchObject({
      ok: false,
      refusal: "too_large",
    });
  });

  it("refuses a file whose declared image type its bytes contradict", async () => {
    const { helpdesk, files } = await stage([shot({ bytes: fileBytes("html", 600) })]);
    expect(await helpdesk.fetchAttachment(files[0] as CommentAttachment, limits)).toMatchObject({
      ok: false,
      refusal: "not_image",
    });
  });

  it("refuses a redirect off the helpdesk's hosts and never requests it", async () => {
    const { helpdesk, files } = await stage([shot({ redirectTo: "https://evil.example/steal.png" })]);
    const file = files[0] as CommentAttachment;
    // Intercom lists the URL itself: a listed URL off its hosts is refused the same way.
    const target = platform === "intercom" ? { ...file, url: "https://evil.example/steal.png" } : file;
    expect(await helpdesk.fetchAttachment(target, limits)).toMatchObject({ ok: false, refusal: "off_host" });
    expect(outside).toEqual([]);
  });
});

it("zendesk: the storage host never receives the API credentials (it would answer 403)", async () => {
  const customer = zendesk.addCustomer("Storage Customer");
  const ticket = zendesk.addTicket({
    subject: "x",
    requesterId: customer.id,
    comments: [{ authorId: customer.id, body: "shot" }],
  });
  zendesk.attach(ticket.id, ticket.comments.at(-1)?.id ?? 0, [shot()]);
  const { helpdesk } = sandboxHelpdesk(zendesk.baseUrl);
  const context = await helpdesk.getTicketContext(String(ticket.id));
  const file = context.comments.at(-1)?.attachments?.[0] as CommentAttachment;
  expect(file.url).toMatch(/^https:\/\/acme\.zendesk\.com\/attachments\/token\//);
  expect(await helpdesk.fetchAttachment(file, limits)).toMatchObject({ ok: true });
  const download = zendesk.requests.find((r) => r.path.startsWith("/attachments/token/"));
  expect(download?.headers.authorization).toMatch(/^Bearer /);
});
