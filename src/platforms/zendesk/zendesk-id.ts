import { HelpdeskError } from "../../lib/errors.ts";

/**
 * Zendesk ids are positive integers (strings in webhooks, numbers in the REST API). A malformed id is
 * rejected before any request: it could only produce a 404, or a request to an unintended path.
 */
export function zendeskId(value: string | number | null | undefined, operation: string, what: string): number {
  const id = typeof value === "number" ? value : /^\d{1,19}$/.test(value?.trim() ?? "") ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new HelpdeskError(operation, 400, `${what} is not a Zendesk id: ${JSON.stringify(value ?? null)}`);
  }
  return id;
}

/** Like zendeskId, for optional hints: undefined when the value is not a usable id. */
export function optionalZendeskId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const id = Number(value.trim());
  return /^\d+$/.test(value.trim()) && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
