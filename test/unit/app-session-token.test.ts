import { describe, expect, it } from "vitest";
import { sessionKey } from "../../src/http/console/session-key.ts";
import { newSessionId, signSession } from "../../src/http/console/session-token.ts";
import {
  APP_SESSION_TTL_MS,
  appSessionKey,
  readAppSession,
  signAppSession,
} from "../../src/http/zendesk-app/app-session-token.ts";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const session = { subdomain: "acme", userId: "42", expiresAt: NOW + APP_SESSION_TTL_MS };

describe("app sessions of the Zendesk sidebar", () => {
  it("reads back what was signed, until it expires", async () => {
    const key = await appSessionKey("admin-token");
    const value = await signAppSession(key, session);
    expect(await readAppSession(key, value, NOW)).toEqual({ ok: true, session });
    expect(await readAppSession(key, value, NOW + APP_SESSION_TTL_MS)).toEqual({ ok: false, reason: "expired" });
  });

  it("does not accept a console cookie value, nor a session signed under another admin token", async () => {
    const key = await appSessionKey("admin-token");
    const consoleValue = await signSession(await sessionKey("admin-token"), {
      id: newSessionId(),
      expiresAt: NOW + 60_000,
      signedIn: true,
    });
    expect(await readAppSession(key, consoleValue, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    const other = await signAppSession(await appSessionKey("rotated-token"), session);
    expect(await readAppSession(key, other, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(await readAppSession(key, "no-dot", NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});
