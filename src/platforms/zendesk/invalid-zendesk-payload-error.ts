import { DeskmateError } from "../../lib/errors.ts";

/** A Zendesk body that is not JSON, or a known event that fails its schema. Answered with 400. */
export class InvalidZendeskPayloadError extends DeskmateError {
  /** Paths of the failing fields (`detail.id`, `event.comment.is_public`, ...). Never their values. */
  readonly fields: string[];

  constructor(code: "invalid_json" | "invalid_payload", fields: string[], message: string) {
    super(code, message, { status: 400, retryable: false });
    this.fields = fields;
  }
}
