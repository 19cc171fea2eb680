import { DeskmateError } from "../lib/errors.ts";

/** A ledger row or query that cannot be stored or run as given; the message names the field and the fix. */
export class LedgerInputError extends DeskmateError {
  constructor(message: string) {
    super("ledger_input", message, { status: 400 });
  }
}
