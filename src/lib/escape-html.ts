import { normalizeText } from "./normalize-text.ts";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for `html_body` notes (Zendesk and Intercom): customer text is data, never markup. It is
 * normalized first (normalizeText) so a right-to-left override or zero-width character in a name
 * cannot make an agent read something other than what is there.
 */
export function escapeHtml(text: string): string {
  return normalizeText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
