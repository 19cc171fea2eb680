import { DeskmateError } from "../../lib/errors.ts";

/**
 * An Intercom notification of a handled topic that fails its schema or lacks the part it is about. Answered
 * with 400.
 */
export class InvalidIntercomPayloadError extends DeskmateError {
  /** Paths of the failing fields (`data.item.id`, `app_id`, ...). Never their values. */
  readonly fields: string[];

  constructor(fields: string[], message: string) {
    super("invalid_payload", message, { status: 400, retryable: false });
    this.fields = fields;
  }
}
