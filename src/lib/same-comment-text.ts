import { htmlToText } from "./html-to-text.ts";

/** How much earlier than our recorded attempt a landed comment may be stamped (helpdesk clocks, second precision). */
export const CLOCK_SKEW_MS = 5_000;

/**
 * Whether a comment the helpdesk holds is the one we sent. Helpdesks rewrite what they store (Zendesk
 * keeps a plain-text `body` beside the HTML; Intercom re-renders note HTML), so the comparison is on
 * letters and digits only, over the first 120 of them: formatting differences do not matter, another
 * message does.
 */
export function sameCommentText(sent: string, stored: string | null | undefined): boolean {
  if (stored === null || stored === undefined) return false;
  return textKey(sent) === textKey(stored);
}

function textKey(text: string): string {
  return htmlToText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .slice(0, 120);
}
