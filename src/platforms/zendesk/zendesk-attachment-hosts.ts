import type { AttachmentHosts } from "../../lib/fetch-attachment-bytes.ts";

/**
 * Where a Zendesk attachment may be downloaded from. `content_url` is on the account's own host
 * (`https://{sub}.zendesk.com/attachments/token/...`), which needs the API credentials for end-user
 * uploads and answers 302 to a temporary URL on Zendesk's attachment storage (`*.zdusercontent.com`),
 * which refuses a request carrying them. So: credentials on the account host only, storage over https
 * only, and nothing else (a comment's URL "may be hosted externally": never send credentials there).
 */
export function zendeskAttachmentHosts(baseUrl: string, authorization: () => Promise<string>): AttachmentHosts {
  const account = new URL(baseUrl);
  const onAccount = (url: URL) => url.origin === account.origin;
  return {
    allowed: (url) => onAccount(url) || (url.protocol === "https:" && /(^|\.)zdusercontent\.com$/i.test(url.hostname)),
    headers: async (url) => (onAccount(url) ? { authorization: await authorization() } : {}),
  };
}
