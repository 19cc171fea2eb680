import { describe, expect, it } from "vitest";
import { hmacVerifyKey } from "../../src/lib/hmac-verify-key.ts";
import { signZendeskPayload } from "../../src/platforms/zendesk/sign-zendesk-payload.ts";

const encoder = new TextEncoder();
const digestOf = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));

async function verifies(key: CryptoKey, secretThatSigned: string, body = '{"say":"hello"}'): Promise<boolean> {
  const timestamp = "2021-07-25T10:00:00Z";
  const signature = digestOf(await signZendeskPayload(body, secretThatSigned, timestamp));
  return crypto.subtle.verify("HMAC", key, signature, encoder.encode(timestamp + body));
}

describe("hmacVerifyKey: one imported key per signing secret", () => {
  it("returns the same key for the same secret and hash, so a delivery does not import it again", async () => {
    const first = await hmacVerifyKey("secret-one", "SHA-256");
    expect(await hmacVerifyKey("secret-one", "SHA-256")).toBe(first);
    expect(await verifies(first, "secret-one")).toBe(true);
  });

  it("never hands one secret's key to another secret or hash (rotation keeps both apart)", async () => {
    const oldKey = await hmacVerifyKey("old-secret", "SHA-256");
    const newKey = await hmacVerifyKey("new-secret", "SHA-256");
    expect(newKey).not.toBe(oldKey);
    expect(await verifies(newKey, "new-secret")).toBe(true);
    expect(await verifies(newKey, "old-secret")).toBe(false);
    expect(await verifies(oldKey, "new-secret")).toBe(false);
    const sha1 = await hmacVerifyKey("old-secret", "SHA-1");
    expect(sha1).not.toBe(oldKey);
    expect((sha1.algorithm as { hash: { name: string } }).hash.name).toBe("SHA-1");
  });

  it("keeps working past its size bound: many secrets each still get their own working key", async () => {
    const secrets = Array.from({ length: 20 }, (_, i) => `rotated-secret-${i}`);
    for (const secret of secrets) expect(await verifies(await hmacVerifyKey(secret, "SHA-256"), secret)).toBe(true);
    expect(await verifies(await hmacVerifyKey(secrets[0]!, "SHA-256"), secrets[0]!)).toBe(true);
  });
});
