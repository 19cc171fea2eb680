import { describe, expect, it } from "vitest";
import { csrfToken, verifyCsrfToken } from "../../src/http/console/csrf-token.ts";
import {
  clearedSessionCookie,
  cookieIsSecure,
  readSessionCookie,
  sessionCookie,
} from "../../src/http/console/session-cookie.ts";
import { sessionKey } from "../../src/http/console/session-key.ts";
import { newSessionId, readSession, SESSION_TTL_MS, signSession } from "../../src/http/console/session-token.ts";
import { tokenMatches } from "../../src/http/admin/verify-bearer-token.ts";

const NOW = Date.parse("2026-03-02T10:00:00Z");
const session = (over: Partial<{ expiresAt: number; signedIn: boolean }> = {}) => ({
  id: newSessionId(),
  expiresAt: NOW + SESSION_TTL_MS,
  signedIn: true,
  ...over,
});

describe("signSession / readSession", () => {
  it("reads back what it signed, until the expiry carried inside", async () => {
    const key = await sessionKey("token-a");
    const s = session();
    const value = await signSession(key, s);
    expect(await readSession(key, value, NOW)).toEqual({ ok: true, session: s });
    expect(await readSession(key, value, s.expiresAt - 1)).toMatchObject({ ok: true });
    expect(await readSession(key, value, s.expiresAt)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a value signed under another admin token (rotation ends sessions)", async () => {
    const value = await signSession(await sessionKey("token-a"), session());
    expect(await readSession(await sessionKey("token-b"), value, NOW)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a payload changed after signing, and values that are not two parts", async () => {
    const key = await sessionKey("token-a");
    const value = await signSession(key, session({ signedIn: false }));
    const [payload, mac] = value.split(".") as [string, string];
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = btoa(JSON.stringify({ ...json, in: true })).replace(/=+$/, "");
    expect(await readSession(key, `${forged}.${mac}`, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(await readSession(key, payload, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(await readSession(key, `${value}.x`, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(await readSession(key, "a.b!c", NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("the Zendesk claim of a session", () => {
  it("reads back the subdomain a nav bar session was opened from; an admin session has none", async () => {
    const key = await sessionKey("token-a");
    const fromZendesk = { ...session(), zendesk: "acme" };
    expect(await readSession(key, await signSession(key, fromZendesk), NOW)).toEqual({
      ok: true,
      session: fromZendesk,
    });
    const admin = await readSession(key, await signSession(key, session()), NOW);
    expect(admin.ok && "zendesk" in admin.session).toBe(false);
  });

  it("refuses a signed claim that is not a bare subdomain, so nothing else reaches the CSP header", async () => {
    const key = await sessionKey("token-a");
    for (const zendesk of ["*", "acme.zendesk.com", "acme; script-src *", "", "ACME"]) {
      const value = await signSession(key, { ...session(), zendesk });
      expect([zendesk, await readSession(key, value, NOW)]).toEqual([zendesk, { ok: false, reason: "malformed" }]);
    }
  });
});

describe("csrf tokens", () => {
  it("fit only the session they were made for", async () => {
    const key = await sessionKey("token-a");
    const token = await csrfToken(key, "s1");
    expect(await verifyCsrfToken(key, "s1", token)).toBe(true);
    expect(await verifyCsrfToken(key, "s2", token)).toBe(false);
    expect(await verifyCsrfToken(await sessionKey("token-b"), "s1", token)).toBe(false);
    expect(await verifyCsrfToken(key, "s1", undefined)).toBe(false);
    expect(await verifyCsrfToken(key, "s1", "")).toBe(false);
    expect(await verifyCsrfToken(key, "s1", "not base64!")).toBe(false);
  });
});

describe("session cookie attributes", () => {
  it("is HttpOnly, SameSite=Strict, Path=/admin with a Max-Age, and Secure unless plain http on this machine", () => {
    expect(sessionCookie("v", { secure: true, maxAgeSeconds: 43_200 })).toBe(
      "deskmate_console=v; Path=/admin; Max-Age=43200; HttpOnly; SameSite=Strict; Secure",
    );
    expect(clearedSessionCookie({ secure: false })).toBe(
      "deskmate_console=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict",
    );
    expect(cookieIsSecure("http://localhost:8787/admin")).toBe(false);
    expect(cookieIsSecure("http://127.0.0.1:8787/admin")).toBe(false);
    expect(cookieIsSecure("https://localhost/admin")).toBe(true);
    expect(cookieIsSecure("http://deskmate.example.com/admin")).toBe(true);
    expect(cookieIsSecure("http://localhost.example.com/admin")).toBe(true);
  });

  it("is Secure, SameSite=None and Partitioned for a session living in Zendesk's iframe, even on plain http", () => {
    expect(sessionCookie("v", { secure: false, maxAgeSeconds: 43_200, inZendesk: true })).toBe(
      "deskmate_console=v; Path=/admin; Max-Age=43200; HttpOnly; Secure; SameSite=None; Partitioned",
    );
    expect(clearedSessionCookie({ secure: true, inZendesk: true })).toBe(
      "deskmate_console=; Path=/admin; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned",
    );
  });

  it("finds its value among other cookies", () => {
    expect(readSessionCookie("a=1; deskmate_console=abc.def; b=2")).toBe("abc.def");
    expect(readSessionCookie("xdeskmate_console=1")).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });
});

describe("tokenMatches", () => {
  it("matches the exact token only, never an empty one", async () => {
    expect(await tokenMatches("secret-token", "secret-token")).toBe(true);
    expect(await tokenMatches("secret-toke", "secret-token")).toBe(false);
    expect(await tokenMatches("", "")).toBe(false);
  });
});
