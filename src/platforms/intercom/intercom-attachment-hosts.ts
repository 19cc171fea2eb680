import type { AttachmentHosts } from "../../lib/fetch-attachment-bytes.ts";

/**
 * Intercom serves part attachments from its own download hosts with signed URLs (`downloads.intercomcdn.com`,
 * the regional `.eu` and `downloads.au.` hosts, and the `intercom-attachments-<n>.com` hosts): over https, and
 * never with the access token, which those hosts do not need and must not see. The configured API origin is
 * Intercom's own too (a regional or proxied base) and gets the token like any API call.
 */
const DOWNLOAD_HOST = /^(?:downloads\.(?:au\.)?intercomcdn\.(?:com|eu)|intercom-attachments(?:-\d+)?\.com)$/i;

export function intercomAttachmentHosts(apiBaseUrl: string, accessToken: string): AttachmentHosts {
  const api = new URL(apiBaseUrl);
  const onApi = (url: URL) => url.origin === api.origin;
  return {
    allowed: (url) => onApi(url) || (url.protocol === "https:" && DOWNLOAD_HOST.test(url.hostname)),
    headers: async (url) => (onApi(url) ? { authorization: `Bearer ${accessToken}` } : {}),
  };
}
