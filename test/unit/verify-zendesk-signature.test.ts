import { describe, expect, it } from "vitest";
import { signZendeskPayload } from "../../src/platforms/zendesk/sign-zendesk-payload.ts";
import { verifyZendeskSignature } from "../../src/platforms/zendesk/verify-zendesk-signature.ts";

// Test vector from PLATFORM.md (Zendesk's static test secret).
const SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
const TIMESTAMP = "2021-07-25T10:00:00Z";
const BODY = '{"say": "hello"}';
const SIGNATURE = "gf3v0LzLRHPUnIdhbvwRDVEvzSb07/QN0GYjSNlkBT0=";
const AT = new Date(TIMESTAMP);

const verify = (overrides: Partial<Parameters<typeof verifyZendeskSignature>[0]> = {}) =>
  verifyZendeskSignature({
    rawBody: BODY,
    signature: SIGNATURE,
    timestamp: TIMESTAMP,
    secrets: [SECRET],
    now: AT,
    ...overrides,
  });

describe("verifyZendeskSignature", () => {
  it("accepts the published test vector", async () => {
    expect(await verify()).toBe("valid");
  });

  it("signZendeskPayload reproduces the test vector", async () => {
    expect(await signZendeskPayload(BODY, SECRET, TIMESTAMP)).toBe(SIGNATURE);
  });

  it("uses the secret as a plain string, not base64-decoded", async () => {
    const decodedKey = atob(SECRET);
    const signedWithDecoded = await signZendeskPayload(BODY, decodedKey, TIMESTAMP);
    expect(signedWithDecoded).not.toBe(SIGNATURE);
    expect(await verify({ signature: signedWithDecoded })).toBe("bad_signature");
  });

  it("signs timestamp + body, not body + timestamp", async () => {
    const reversed = await signZendeskPayload(TIMESTAMP, SECRET, BODY);
    expect(await verify({ signature: reversed })).toBe("bad_signature");
  });

  it("rejects a body that differs by one character (re-serialized JSON)", async () => {
    expect(await verify({ rawBody: JSON.stringify(JSON.parse(BODY)) })).toBe("bad_signature");
  });

  it("rejects a wrong secret and accepts any of several secrets (rotation)", async () => {
    expect(await verify({ secrets: ["another-secret"] })).toBe("bad_signature");
    expect(await verify({ secrets: ["another-secret", SECRET] })).toBe("valid");
    expect(await verify({ secrets: [] })).toBe("bad_signature");
    expect(await verify({ secrets: [""] })).toBe("bad_signature");
  });

  it.each(["", "not base64!!", "%%%%", "gf3v0LzLRHPUnIdhbvwRDVEvzSb07", "===="])(
    "treats malformed signature %j as a mismatch, never a throw",
    async (signature) => {
      expect(await verify({ signature })).toBe("bad_signature");
    },
  );

  it("rejects a truncated but well-formed signature", async () => {
    expect(await verify({ signature: btoa("short") })).toBe("bad_signature");
  });

  it("rejects timestamps more than 5 minutes from now, either way", async () => {
    const at = (seconds: number) => new Date(AT.getTime() + seconds * 1000);
    expect(await verify({ now: at(301) })).toBe("stale_timestamp");
    expect(await verify({ now: at(-301) })).toBe("stale_timestamp");
    expect(await verify({ now: at(299) })).toBe("valid");
    expect(await verify({ now: at(-299) })).toBe("valid");
    expect(await verify({ now: at(61), toleranceSeconds: 60 })).toBe("stale_timestamp");
  });

  it.each(["1627207200", "garbage", "", "2021-07-25", "July 25, 2021 10:00", "2021-13-45T99:00:00Z"])(
    "treats timestamp %j as garbled (ISO-8601 only, never epoch seconds)",
    async (timestamp) => {
      expect(await verify({ timestamp })).toBe("bad_timestamp");
    },
  );

  it("accepts other ISO-8601 forms when they are what was signed", async () => {
    for (const timestamp of ["2021-07-25T12:00:00+02:00", "2021-07-25T10:00:00.000Z", "2021-07-25T10:00Z"]) {
      const signature = await signZendeskPayload(BODY, SECRET, timestamp);
      expect(await verify({ timestamp, signature })).toBe("valid");
    }
  });
});
