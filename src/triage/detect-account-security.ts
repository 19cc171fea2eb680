import { LOSS_PATTERNS, NOT_A_LOSS, NOT_PHYSICAL, MACHINE_BEFORE, PATTERNS } from "./account-security-patterns.ts";

/**
 * Someone else may have access: an account hacked or compromised, a stranger logged in or using the
 * card, card details stolen, or a card, phone, wallet or other device with access lost or stolen.
 * Not compromise: a card the ATM kept, a new card lost in the post, a card found again, a forgotten
 * password or PIN. Runs on normalized, typo-corrected text.
 */
export function detectAccountSecurity(text: string): boolean {
  if (PATTERNS.some((pattern) => pattern.test(text))) return true;
  if (NOT_A_LOSS.test(text)) return false;
  for (const pattern of LOSS_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const before = text.slice(Math.max(0, match.index - 20), match.index);
      if (!NOT_PHYSICAL.test(match[0]) && !MACHINE_BEFORE.test(before)) return true;
    }
  }
  return false;
}
