import type { SettingsLoad } from "../config/load-settings.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import type { Knowledge } from "../ports/knowledge.ts";
import type { RequestBudget } from "../ports/request-budget.ts";
import type { Platform } from "../domain/support-event.ts";
import type { StateStore } from "../state/state-store.ts";

/** What the runtime needs from one helpdesk platform; everything behind it is that platform's adapter. */
export interface PlatformWiring {
  platform: Platform;
  /** Built on first use, so a configuration error becomes a retryable failure on the queue side. */
  helpdesk: Helpdesk;
  knowledge: Knowledge;
  /** The request governor of the helpdesk account: queue jobs reserve their requests here first. */
  budget: RequestBudget;
  /** Behaviour settings for one account (Zendesk: app installation; Intercom: stored per workspace). */
  settingsFor(accountId: string, store: StateStore): () => Promise<Settings>;
  /**
   * The same load with each value's source and how the installation read went, from the same
   * per-isolate loader (the console's Settings page shows what the worker really uses).
   */
  settingsLoadFor(accountId: string, store: StateStore): () => Promise<SettingsLoad>;
  /** One line for /healthz (never a secret). */
  describe(): string;
}
