import { beforeAll, describe, expect, it } from "vitest";
import { verifyZafToken, type ZafTrust } from "../../src/http/zendesk-app/verify-zaf-token.ts";
import { signedZafToken, TEST_ZAF_INSTALLATION, zafKeyPair } from "../support/signed-zaf-token.ts";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const SIDEBAR = "ticket_sidebar";
let zendesk: Awaited<ReturnType<typeof zafKeyPair>>;
let other: Awaited<ReturnType<typeof zafKeyPair>>;
let trust: ZafTrust;

beforeAll(async () => {
  [zendesk, other] = await Promise.all([zafKeyPair(), zafKeyPair()]);
  trust = { ...TEST_ZAF_INSTALLATION, publicKeyPem: zendesk.publicKeyPem };
});

describe("verifyZafToken", () => {
  it("accepts a token Zendesk signed for this installation and names the agent", async () => {
    const token = await signedZafToken(zendesk.privateKey, { nowMs: NOW, userId: "42" });
    expect(await verifyZafToken(token, trust, NOW, SIDEBAR)).toEqual({
      ok: true,
      identity: { subdomain: "acme", installationId: "360001", userId: "42", expiresAt: NOW / 1000 + 300 },
    });
  });

  it("refuses a token signed with another key", async () => {
    const token = await signedZafToken(other.privateKey, { nowMs: NOW });
    expect(await verifyZafToken(token, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses an expired token (beyond 30 s of clock skew)", async () => {
    const token = await signedZafToken(zendesk.privateKey, { nowMs: NOW, exp: NOW / 1000 - 31 });
    expect(await verifyZafToken(token, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token for another installation or another account", async () => {
    const installation = await signedZafToken(zendesk.privateKey, { nowMs: NOW, installationId: "999" });
    expect(await verifyZafToken(installation, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "wrong_audience" });
    const account = await signedZafToken(zendesk.privateKey, { nowMs: NOW, subdomain: "globex" });
    expect(await verifyZafToken(account, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "wrong_issuer" });
  });

  it("refuses a header asking for another algorithm and a token that is not a JWT", async () => {
    const hmac = await signedZafToken(zendesk.privateKey, { nowMs: NOW, alg: "HS256" });
    expect(await verifyZafToken(hmac, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "unsupported_algorithm" });
    expect(await verifyZafToken("not-a-token", trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const token = await signedZafToken(zendesk.privateKey, { nowMs: NOW, userId: "42" });
    const [header, , signature] = token.split(".");
    const forged = await signedZafToken(other.privateKey, { nowMs: NOW, userId: "1" });
    const tampered = `${header}.${forged.split(".")[1]}.${signature}`;
    expect(await verifyZafToken(tampered, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("binds a token to the app location Zendesk signed it for (context.location)", async () => {
    const sidebar = await signedZafToken(zendesk.privateKey, { nowMs: NOW, location: "ticket_sidebar" });
    const navBar = await signedZafToken(zendesk.privateKey, { nowMs: NOW, location: "nav_bar" });
    const topBar = await signedZafToken(zendesk.privateKey, { nowMs: NOW, location: "top_bar" });
    expect(await verifyZafToken(navBar, trust, NOW, "nav_bar")).toMatchObject({ ok: true });
    // A sidebar token does not open the nav bar console, nor a nav bar token the sidebar.
    expect(await verifyZafToken(sidebar, trust, NOW, "nav_bar")).toEqual({ ok: false, reason: "wrong_location" });
    expect(await verifyZafToken(navBar, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "wrong_location" });
    expect(await verifyZafToken(topBar, trust, NOW, "nav_bar")).toEqual({ ok: false, reason: "wrong_location" });
    // Only Zendesk signs: a token it signed without a context claim is not refused for that.
    const bare = await signedZafToken(zendesk.privateKey, { nowMs: NOW, location: null });
    expect(await verifyZafToken(bare, trust, NOW, "nav_bar")).toMatchObject({ ok: true });
  });

  it("refuses a token that is not valid yet (nbf beyond 30 s of clock skew)", async () => {
    const early = await signedZafToken(zendesk.privateKey, { nowMs: NOW, nbf: NOW / 1000 + 31 });
    expect(await verifyZafToken(early, trust, NOW, SIDEBAR)).toEqual({ ok: false, reason: "not_yet_valid" });
    const skewed = await signedZafToken(zendesk.privateKey, { nowMs: NOW, nbf: NOW / 1000 + 29 });
    expect(await verifyZafToken(skewed, trust, NOW, SIDEBAR)).toMatchObject({ ok: true });
  });
});
