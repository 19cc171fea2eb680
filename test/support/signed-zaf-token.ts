import { toBase64url } from "../../src/http/console/base64url.ts";
import { installationAudience } from "../../src/http/zendesk-app/verify-zaf-token.ts";

/** The installation the tests' worker trusts (its subdomain is the harness's ZENDESK_SUBDOMAIN). */
export const TEST_ZAF_INSTALLATION = { subdomain: "acme", installationId: "360001" };

/** An RSA key pair like the one Zendesk holds for an app: the private half signs, the PEM goes to the worker. */
export async function zafKeyPair(): Promise<{ privateKey: CryptoKey; publicKeyPem: string }> {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
  let binary = "";
  for (const byte of spki) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return {
    privateKey: pair.privateKey,
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`,
  };
}

export interface ZafClaimsOptions {
  userId?: string;
  /** Seconds since the epoch; default five minutes after `nowMs`. */
  exp?: number;
  nowMs?: number;
  subdomain?: string;
  installationId?: string;
  alg?: string;
  /** The app location the token is signed for (its `context` claim); null leaves `context` out. */
  location?: "ticket_sidebar" | "nav_bar" | "top_bar" | null;
  /** Not before, seconds since the epoch; default `iat`. */
  nbf?: number;
}

/** A ZAF JWT as Zendesk signs it for a signed URL (RS256; iss, aud, sub, iat, nbf, exp, context). */
export async function signedZafToken(privateKey: CryptoKey, options: ZafClaimsOptions = {}): Promise<string> {
  const nowMs = options.nowMs ?? Date.now();
  const subdomain = options.subdomain ?? TEST_ZAF_INSTALLATION.subdomain;
  const installationId = options.installationId ?? TEST_ZAF_INSTALLATION.installationId;
  const location = options.location === undefined ? "ticket_sidebar" : options.location;
  const encode = (value: object) => toBase64url(new TextEncoder().encode(JSON.stringify(value)));
  const header = encode({ typ: "JWT", alg: options.alg ?? "RS256" });
  const payload = encode({
    iss: `${subdomain}.zendesk.com`,
    aud: installationAudience({ subdomain, installationId }),
    sub: `https://${subdomain}.zendesk.com/api/v2/users/${options.userId ?? "7001"}.json`,
    iat: Math.floor(nowMs / 1000),
    nbf: options.nbf ?? Math.floor(nowMs / 1000),
    exp: options.exp ?? Math.floor(nowMs / 1000) + 300,
    ...(location === null ? {} : { context: { product: "support", location } }),
  });
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    privateKey,
    new TextEncoder().encode(`${header}.${payload}`),
  );
  return `${header}.${payload}.${toBase64url(new Uint8Array(signature))}`;
}
