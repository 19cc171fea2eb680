/**
 * One error hierarchy for the whole worker. Every error knows its HTTP status (when it reaches the
 * webhook route), whether retrying can help, and a stable code for logs. `toDeskmateError` is the
 * single place that classifies unknown errors.
 */
export interface DeskmateErrorOptions {
  status?: number;
  retryable?: boolean;
  cause?: unknown;
  /**
   * Seconds to wait before retrying, when the failing side told us (Retry-After, X-RateLimit-Reset).
   * `undefined` is accepted on purpose: callers pass a parsed header as is, absent or not.
   */
  retryAfterSeconds?: number | undefined;
}

export class DeskmateError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, options: DeskmateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Missing or invalid configuration; the message says how to fix it. */
export class ConfigError extends DeskmateError {
  constructor(message: string, options: DeskmateErrorOptions = {}) {
    super("config_error", message, { status: 503, ...options });
  }
}

/** The state store could not be reached or answered with an error. Callers retry later. */
export class StoreUnavailableError extends DeskmateError {
  constructor(message: string, options: DeskmateErrorOptions = {}) {
    super("store_unavailable", message, { status: 503, retryable: true, ...options });
  }
}

/**
 * Another job holds the ticket's lock; the event is retried later. No fixed Retry-After: the queue's
 * backoff grows with the attempts, so the retries span minutes (a job may legitimately hold the lock
 * that long, see ticketLockTtlSeconds) instead of a fixed 5 s that dead-letters the event after 25 s.
 */
export class TicketLockedError extends DeskmateError {
  constructor(ticketId: string) {
    super("ticket_locked", `ticket ${ticketId} is being processed by another job`, {
      status: 409,
      retryable: true,
    });
  }
}

/**
 * The job's ticket lock expired or passed to another job before a write: the job stops without
 * writing. Retryable: the retry runs under a fresh lock against the ticket as it is then, so it either
 * finishes this job's recorded writes (nobody else touched the ticket) or finds the message already
 * handled by the newer job. Nothing lost, nothing written twice.
 */
export class TicketLockLostError extends DeskmateError {
  constructor(ticketId: string) {
    super("ticket_lock_lost", `ticket ${ticketId}: the lock expired or was taken by another job before a write`, {
      status: 409,
      retryable: true,
      retryAfterSeconds: 5,
    });
  }
}

/** A helpdesk API call failed. `status` is the helpdesk's HTTP status (0 for network errors). */
export class HelpdeskError extends DeskmateError {
  readonly operation: string;

  constructor(operation: string, status: number, message: string, options: DeskmateErrorOptions = {}) {
    super(helpdeskErrorCode(status), `${operation}: ${message}`, {
      status,
      retryable: status === 0 || status === 408 || status === 429 || status >= 500,
      ...options,
    });
    this.operation = operation;
  }
}

function helpdeskErrorCode(status: number): string {
  if (status === 0) return "helpdesk_unreachable";
  if (status === 401 || status === 403) return "helpdesk_auth";
  if (status === 404) return "helpdesk_not_found";
  if (status === 409) return "helpdesk_conflict";
  if (status === 429) return "helpdesk_rate_limited";
  if (status >= 500) return "helpdesk_server_error";
  return "helpdesk_rejected";
}

export function toDeskmateError(error: unknown): DeskmateError {
  if (error instanceof DeskmateError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeskmateError("internal_error", message, { cause: error, retryable: true });
}
