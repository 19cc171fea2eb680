import { describe, expect, it } from "vitest";
import { SettingsLoader } from "../../src/config/load-settings.ts";
import { settingsPage } from "../../src/http/console/settings-page.ts";
import { zendeskSettingsView } from "../../src/http/console/zendesk-settings-view.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";

/** The Settings page of a Zendesk account, drawn from a real loader's load. */
async function shown(loader: SettingsLoader): Promise<string> {
  const view = zendeskSettingsView(await loader.get());
  const account = { platform: "zendesk" as const, account: "acme" };
  return String(
    await settingsPage({ csrf: "c", account, accounts: [], accountProblems: [], problems: [], audit: [], ...view }),
  );
}

const sourceOf = (page: string, name: string) =>
  new RegExp(`<tr data-setting="${name}" data-source="([^"]*)"`).exec(page)?.[1] ?? `(no row for ${name})`;

describe("the Zendesk settings the console shows", () => {
  it("names last good values as such, saying whether Zendesk was unreachable or its value invalid", async () => {
    const { logger } = createMemoryLogger();
    const zendesk = { settings: { mode: "shadow", turn_cap: "5" } as Record<string, unknown>, fail: false };
    let now = 0;
    const loader = new SettingsLoader({
      env: { DESKMATE_MODE: "draft" },
      fetchInstallationSettings: async () => {
        if (zendesk.fail) throw new Error("zendesk unreachable");
        return zendesk.settings;
      },
      logger,
      now: () => now,
    });
    const read = await shown(loader);
    expect(sourceOf(read, "mode")).toBe("Zendesk app settings");
    expect(read).toContain("shadow");

    zendesk.settings = { mode: "sometimes", turn_cap: "5" };
    now += 60_001;
    const invalid = await shown(loader);
    expect(sourceOf(invalid, "mode")).toBe("last good value (the Zendesk app setting is not valid)");
    expect(sourceOf(invalid, "turn_cap")).toBe("Zendesk app settings");

    zendesk.fail = true;
    now += 60_001;
    const unreachable = await shown(loader);
    expect(sourceOf(unreachable, "mode")).toBe("last good value (Zendesk unreachable)");
    expect(sourceOf(unreachable, "turn_cap")).toBe("last good value (Zendesk unreachable)");
    expect(unreachable).toContain('data-installation="failed"');
    expect(unreachable).toContain("shadow");
  });
});
