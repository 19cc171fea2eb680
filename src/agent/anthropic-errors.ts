/**
 * Why a Messages API call failed, as classes callers can tell apart. Messages name the status and the
 * API's error type only: the API's own message can echo parts of the request (customer text).
 */
export class AnthropicApiError extends Error {
  override readonly name: string = "AnthropicApiError";
  /** The HTTP status; undefined when no answer came back (connection failure or timeout). */
  readonly status: number | undefined;
  /** The API's `error.type` (e.g. `overloaded_error`), safe to log; null when the body had none. */
  readonly errorType: string | null;

  constructor(status: number | undefined, errorType: string | null, message?: string) {
    super(message ?? `Messages API answered HTTP ${status}${errorType ? ` ${errorType}` : ""}`);
    this.status = status;
    this.errorType = errorType;
  }
}

/** The API could not be reached (DNS, TLS, reset connection) on every attempt. */
export class AnthropicConnectionError extends AnthropicApiError {
  override readonly name: string = "AnthropicConnectionError";

  constructor(message = "could not reach the Messages API") {
    super(undefined, null, message);
  }
}

/** No answer within the timeout on every attempt. */
export class AnthropicTimeoutError extends AnthropicConnectionError {
  override readonly name: string = "AnthropicTimeoutError";

  constructor(attempts: number) {
    super(`no answer from the Messages API within the timeout after ${attempts} attempts`);
  }
}

/** A 200 whose body is not a Messages API message (a proxy's page, a truncated body). Not retried. */
export class AnthropicResponseError extends AnthropicApiError {
  override readonly name: string = "AnthropicResponseError";

  constructor(status: number) {
    super(status, null, `the Messages API answered HTTP ${status} with a body that is not a message`);
  }
}
