import type { Settings } from "../config/settings-schema.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Knowledge } from "../ports/knowledge.ts";
import type { Platform } from "../domain/support-event.ts";
import type { StateStore } from "../state/state-store.ts";

/** What the runtime needs from one helpdesk platform; everything behind it is that platform's adapter. */
export interface PlatformWiring {
  platform: Platform;
  /** Built on first use, so a configuration error becomes a retryable failure on the queue side. */
  helpdesk: Helpdesk;
  knowledge: Knowledge;
  /** Behaviour settings for one account (Zendesk: app installation; Intercom: stored per workspace). */
  settingsFor(accountId: string, store: StateStore): () => Promise<Settings>;
  /** One line for /healthz (never a secret). */
  describe(): string;
}
