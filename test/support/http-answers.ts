import { HelpdeskError } from "../../src/lib/errors.ts";

/** A JSON answer as a helpdesk sends it, for clients tested on a fake fetch. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** The HelpdeskError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function helpdeskFailure(promise: Promise<unknown>): Promise<HelpdeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof HelpdeskError)) throw new Error(`expected a HelpdeskError, got ${String(error)}`);
  return error;
}
