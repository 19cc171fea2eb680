/**
 * Whether a URL may receive a notification from the worker: https on a named public host. IP literals,
 * localhost and names that only resolve inside a network (.local, .internal, .localhost, single labels)
 * are refused, so an admin-set URL cannot aim the worker at private services; the host is checked by
 * name because a Worker cannot resolve it first (and Workers cannot reach private networks either).
 */
export function isPublicHttpsUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || /^[\d.]+$/.test(host) || /^0x/i.test(host)) return false;
  if (!host.includes(".")) return false;
  return !/(^|\.)(localhost|local|internal|lan|home|intranet|corp)$/.test(host);
}
