/** The part of the runtime's execution context the routes use. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** The request's execution context, or undefined when the runtime passed none (plain app.request in tests). */
export function executionContextOf(c: { executionCtx: WaitUntil }): WaitUntil | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined; // Hono throws on reading it when there is none.
  }
}

/** A route's `defer`: the request's waitUntil when the runtime passed one, else nothing (the work is awaited). */
export function deferTo(c: { executionCtx: WaitUntil }): { defer?: (work: Promise<unknown>) => void } {
  const ctx = executionContextOf(c);
  return ctx ? { defer: (work) => ctx.waitUntil(work) } : {};
}
