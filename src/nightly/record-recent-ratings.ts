import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";

/** Two days back: the nightly run overlaps the previous one, so one missed night loses no rating. */
export const RATINGS_LOOK_BACK_MS = 2 * 24 * 3_600_000;

/** Rating pages (100 each) read per run: plenty for a day of ratings, and a fixed cost in requests. */
export const RATING_PAGES = 3;

/**
 * Stores the ratings the helpdesk lists for the last days as `csat` events, on every ticket, the ones
 * the assistant never touched included: they are the human-only baseline of the CSAT comparison.
 * Same natural id as the webhook path (`csat:<ticket>:<score>`), so a rating is stored once.
 */
export async function recordRecentRatings(
  deps: { ledger: Ledger; helpdesk: Helpdesk },
  account: LedgerAccount,
  now: Date,
): Promise<number> {
  const from = new Date(now.getTime() - RATINGS_LOOK_BACK_MS).toISOString();
  const ratings = await deps.helpdesk.ratingsBetween(from, now.toISOString(), RATING_PAGES);
  let added = 0;
  for (const rating of ratings) {
    const stored = await deps.ledger.recordLifecycle({
      ...account,
      ticketId: rating.ticketId,
      kind: "csat",
      at: rating.at,
      eventId: `csat:${rating.ticketId}:${rating.score}`,
      requesterId: rating.requesterId,
      rating: rating.score,
      detail: null,
    });
    if (stored) added++;
  }
  return added;
}
