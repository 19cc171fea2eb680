import type { ActionParameters } from "./parameter-schema.ts";
import { identityValue, type IdentityPlaceholder, type RequesterIdentity } from "./requester-identity.ts";

/**
 * Fill `{param}` from the authorized parameters and `{requester.*}` from the helpdesk identity, each
 * value URL-encoded so a parameter can never add a path segment or query field. A relative template
 * is joined to `baseUrl`. Returns null when a placeholder has no value.
 */
export function fillUrlTemplate(
  template: string,
  parameters: ActionParameters,
  requester: RequesterIdentity,
  baseUrl: string | null,
): string | null {
  let missing = false;
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = name.startsWith("requester.")
      ? identityValue(requester, name as IdentityPlaceholder)
      : parameters[name];
    if (value === undefined || value === null || value === "") {
      missing = true;
      return "";
    }
    return encodeURIComponent(String(value));
  });
  if (missing) return null;
  if (filled.startsWith("https://")) return filled;
  if (!baseUrl) return null;
  return baseUrl.replace(/\/+$/, "") + filled;
}
