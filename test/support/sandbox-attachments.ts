import { http, HttpResponse, type RequestHandler } from "msw";

/** A file a customer attached, as a sandbox stores it. */
export interface SandboxUpload {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** The size the helpdesk reports (default: the real size); a lie to test the byte limit while reading. */
  declaredSize?: number;
  /** The download answers 302 to this URL instead of serving the bytes (a link off the helpdesk's hosts). */
  redirectTo?: string;
}

/** Uploads by download token; one store per sandbox state, so `reset()` forgets them. */
export class UploadStore {
  readonly #files = new Map<string, SandboxUpload & { id: number }>();
  #next = 1;

  add(upload: SandboxUpload, id: number): string {
    const token = `tok${String(this.#next++).padStart(4, "0")}${id}`;
    this.#files.set(token, { ...upload, id });
    return token;
  }

  get(token: string): (SandboxUpload & { id: number }) | undefined {
    return this.#files.get(token);
  }
}

/** The bytes of an upload as a download answer; a `redirectTo` upload answers 302 instead. */
export function uploadResponse(upload: SandboxUpload | undefined): Response {
  if (!upload) return new HttpResponse("not found", { status: 404 });
  if (upload.redirectTo) return new HttpResponse(null, { status: 302, headers: { location: upload.redirectTo } });
  return new HttpResponse(upload.bytes.slice().buffer, {
    headers: { "content-type": upload.contentType, "content-length": String(upload.bytes.byteLength) },
  });
}

/**
 * A download host's handler: `GET {base}{prefix}/:token/:name`. `refuseAuthorization` answers 403 when
 * the request carries an Authorization header, as signed storage URLs do (Zendesk's storage host,
 * Intercom's download hosts): sending the helpdesk's credentials there is a bug the tests must see.
 */
export function downloadHandler(
  base: string,
  prefix: string,
  lookup: (token: string) => SandboxUpload | undefined,
  options: { refuseAuthorization: boolean },
): RequestHandler {
  return http.get(`${base}${prefix}/:token/:name`, ({ request, params }) => {
    if (options.refuseAuthorization && request.headers.has("authorization"))
      return new HttpResponse("credentials are not accepted on signed download URLs", { status: 403 });
    return uploadResponse(lookup(String(params.token)));
  });
}
