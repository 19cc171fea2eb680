import { HelpdeskError } from "../../lib/errors.ts";

/**
 * Intercom conversation, admin, team and tag ids are strings of digits; contact ids are hex-like
 * strings (e.g. `6762f1261bb69f9f2193bba7`). A malformed id is rejected before any request: it could
 * only produce a 404, or a request to an unintended path.
 */
export function intercomId(value: string | number | null | undefined, operation: string, what: string): string {
  const id = String(value ?? "").trim();
  if (!/^\d{1,20}$/.test(id))
    throw new HelpdeskError(operation, 400, `${what} is not an Intercom id: ` + `${JSON.stringify(value ?? null)}`);
  return id;
}

export function contactId(value: string | null | undefined, operation: string): string {
  const id = (value ?? "").trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw new HelpdeskError(operation, 400, `not an Intercom contact id: ${JSON.stringify(value ?? null)}`);
  return id;
}

/** Assignee ids: null for "nobody" (Intercom sends null or 0). */
export function assigneeId(value: string | number | null | undefined): string | null {
  const id = value === null || value === undefined ? "" : String(value).trim();
  return id === "" || id === "0" ? null : id;
}
