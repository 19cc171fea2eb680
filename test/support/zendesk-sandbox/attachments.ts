import { http, HttpResponse, type RequestHandler } from "msw";
import { downloadHandler, type SandboxUpload } from "../sandbox-attachments.ts";
import type { SandboxState } from "./state.ts";

/**
 * A comment attachment as the Support API lists it (AttachmentObject), stored for download.
 * `content_url` is on the account host: `{base}/attachments/token/{token}/?name={file}`.
 */
export function zendeskAttachment(state: SandboxState, upload: SandboxUpload): Record<string, unknown> {
  const id = state.nextId++;
  const token = state.uploads.add(upload, id);
  const contentUrl = `${state.baseUrl}/attachments/token/${token}/?name=${encodeURIComponent(upload.fileName)}`;
  return {
    url: `${state.baseUrl}/api/v2/attachments/${id}.json`,
    id,
    file_name: upload.fileName,
    content_url: contentUrl,
    mapped_content_url: contentUrl,
    content_type: upload.contentType,
    size: upload.declaredSize ?? upload.bytes.byteLength,
    width: null,
    height: null,
    inline: false,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: "malware_not_found",
    thumbnails: [],
  };
}

/**
 * Downloads as Zendesk serves them: `content_url` needs the API credentials (end-user uploads; 401
 * without) and answers 302 to a temporary URL on the storage host, which refuses credentials (403).
 * An upload with `redirectTo` is redirected there instead (a link off Zendesk's hosts).
 */
export function zendeskAttachmentHandlers(
  base: string,
  storageBase: string,
  getState: () => SandboxState,
): RequestHandler[] {
  const account = http.get(`${base}/attachments/token/:token/`, ({ request, params }) => {
    if (!request.headers.has("authorization"))
      return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
    const token = String(params.token);
    const upload = getState().uploads.get(token);
    if (!upload) return HttpResponse.json({ error: "RecordNotFound", description: "Not found" }, { status: 404 });
    const location = upload.redirectTo ?? `${storageBase}/attachment/${token}/${encodeURIComponent(upload.fileName)}`;
    return new HttpResponse(null, { status: 302, headers: { location } });
  });
  const storage = downloadHandler(
    storageBase,
    "/attachment",
    (token) => {
      const upload = getState().uploads.get(token);
      if (!upload) return undefined;
      const { redirectTo: _servedHere, ...served } = upload;
      return served;
    },
    { refuseAuthorization: new URL(storageBase).hostname.endsWith(".zdusercontent.com") },
  );
  return [account, storage];
}
