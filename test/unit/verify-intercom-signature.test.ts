import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signIntercomPayload } from "../../src/platforms/intercom/sign-intercom-payload.ts";
import { verifyIntercomSignature } from "../../src/platforms/intercom/verify-intercom-signature.ts";

// RFC 2104 HMAC-SHA1 example (also on Wikipedia's HMAC page): key "key", this message.
const VECTOR = {
  secret: "key",
  body: "The quick brown fox jumps over the lazy dog",
  header: "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
};
const SECRET = "test_intercom_client_secret_0f3c9a";
const FIXTURE = readFileSync(new URL("../fixtures/intercom/user-replied.json", import.meta.url), "utf8");

const verify = (overrides: Partial<Parameters<typeof verifyIntercomSignature>[0]> = {}) =>
  verifyIntercomSignature({ rawBody: VECTOR.body, header: VECTOR.header, secret: VECTOR.secret, ...overrides });

describe("verifyIntercomSignature", () => {
  it("accepts the HMAC-SHA1 test vector, and signIntercomPayload reproduces it", async () => {
    expect(await verify()).toBe(true);
    expect(await signIntercomPayload(VECTOR.body, VECTOR.secret)).toBe(VECTOR.header);
  });

  it("agrees with node:crypto on a real notification body", async () => {
    const expected = `sha1=${createHmac("sha1", SECRET).update(FIXTURE, "utf8").digest("hex")}`;
    expect(await signIntercomPayload(FIXTURE, SECRET)).toBe(expected);
    expect(await verifyIntercomSignature({ rawBody: FIXTURE, header: expected, secret: SECRET })).toBe(true);
  });

  it("accepts upper-case hex and surrounding whitespace", async () => {
    expect(await verify({ header: `  sha1=${VECTOR.header.slice(5).toUpperCase()} ` })).toBe(true);
    expect(await verify({ header: VECTOR.header.replace("sha1=", "SHA1=") })).toBe(true);
  });

  it("rejects a body that differs by one character (re-serialized JSON)", async () => {
    const header = await signIntercomPayload(FIXTURE, SECRET);
    expect(
      await verifyIntercomSignature({ rawBody: JSON.stringify(JSON.parse(FIXTURE)), header, secret: SECRET }),
    ).toBe(false);
  });

  it("rejects another secret, and an empty secret even for a body signed with one", async () => {
    expect(await verify({ secret: "another-secret" })).toBe(false);
    const signedWithEmpty = `sha1=${createHmac("sha1", "").update(VECTOR.body).digest("hex")}`;
    expect(await verify({ secret: "", header: signedWithEmpty })).toBe(false);
  });

  it("rejects an HMAC-SHA256 signature, whatever it is labelled", async () => {
    const sha256 = createHmac("sha256", VECTOR.secret).update(VECTOR.body).digest("hex");
    expect(await verify({ header: `sha256=${sha256}` })).toBe(false);
    expect(await verify({ header: `sha1=${sha256}` })).toBe(false);
    expect(await verify({ header: `sha1=${sha256.slice(0, 40)}` })).toBe(false);
  });

  it.each([
    "",
    "sha1=",
    "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
    "sha1:de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
    "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d",
    "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d99",
    "sha1=ze7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
    "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9,sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
    "sha1=3q2+7w==",
  ])("treats malformed header %j as a mismatch, never a throw", async (header) => {
    expect(await verify({ header })).toBe(false);
  });
});
