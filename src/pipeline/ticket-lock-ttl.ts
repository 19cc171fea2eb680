import { MAX_MODEL_CALLS, MAX_RETRIES } from "../agent/anthropic-model.ts";
import { MAX_RETRY_DELAY_MS } from "../agent/anthropic-retry-delay.ts";
import { MAX_TOOL_CALLS } from "../agent/run-tool-calls.ts";
import type { Settings } from "../config/settings-schema.ts";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_AFTER_MS } from "../lib/with-retry.ts";

/** The decision call plus the one regeneration policy may ask for (decide-message.ts). */
const DECISIONS_PER_MESSAGE = 2;
/** The model client's longest backoff between two attempts. */
const MODEL_BACKOFF_SECONDS = MAX_RETRY_DELAY_MS / 1000;
/**
 * Per-request timeout of the helpdesk clients (the Intercom client's default; Zendesk requests are assumed no
 * slower).
 */
const HELPDESK_REQUEST_SECONDS = 20;
/**
 * Helpdesk request waves between two lease renewals: the context read (one parallel wave) and the help-center
 * search.
 */
const HELPDESK_WAVES = 2;
/** The longest timeout an action in the catalog may have; read actions are retried once. */
const ACTION_SECONDS = 30 * 2;
/** Store round trips, rendering, clock drift between isolates. */
const MARGIN_SECONDS = 30;

/**
 * The ticket lock's TTL, derived from the longest stretch a job can go without renewing its lease:
 * from taking the lock to its first helpdesk write (renewed before every write). That is the context
 * read and knowledge search with their retries, every model call a message may make (tool rounds and
 * one regeneration, each retried by the model client), and the read actions offered as tools. A lock shorter
 * than this lets a second job take the ticket while the first is still legitimately deciding.
 */
export function ticketLockTtlSeconds(settings: Pick<Settings, "modelTimeoutSeconds">): number {
  const attempts = MAX_RETRIES + 1;
  const modelCall = settings.modelTimeoutSeconds * attempts + MODEL_BACKOFF_SECONDS * MAX_RETRIES;
  const model = modelCall * MAX_MODEL_CALLS * DECISIONS_PER_MESSAGE;
  const helpdeskRequest =
    HELPDESK_REQUEST_SECONDS * DEFAULT_MAX_ATTEMPTS + (DEFAULT_MAX_RETRY_AFTER_MS / 1000) * (DEFAULT_MAX_ATTEMPTS - 1);
  const helpdesk = helpdeskRequest * HELPDESK_WAVES;
  const actions = ACTION_SECONDS * MAX_TOOL_CALLS;
  return Math.ceil(model + helpdesk + actions + MARGIN_SECONDS);
}
