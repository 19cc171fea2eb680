import { findLinks } from "./find-links.ts";

/** Where a link in a public reply may come from. The customer's own texts are deliberately not here. */
export interface LinkSources {
  /** Texts whose links may be repeated: the retrieved passages (url, title, text) and the action results. */
  texts: readonly string[];
  /** The account's allow-listed domains (setting `link_domains`): each covers itself and its subdomains. */
  domains: readonly string[];
}

/**
 * The links in a reply that no source provides, as written (deduplicated). A customer can plant a link
 * in their message, name or subject and ask for it back ("[Log in here](https://evil.example)"); a
 * public reply may only link to what a retrieved article or an action result contains, or to an
 * allow-listed domain. Web links are compared by host, path and query (scheme, `www.`, a trailing slash
 * and the #fragment aside, so a section of a sourced article passes); anything else (relative,
 * `javascript:`, `data:`, `mailto:`) only when a source has it verbatim.
 */
export function findUnsourcedLinks(reply: string, sources: LinkSources): string[] {
  const links = findLinks(reply);
  if (links.length === 0) return [];
  const sourced = new Set(sources.texts.flatMap((text) => findLinks(text).map(linkKey)));
  const unsourced = links.filter((link) => !sourced.has(linkKey(link)) && !isAllowedLinkDomain(link, sources.domains));
  return [...new Set(unsourced)];
}

/** True when `link` is a web URL whose host is one of `domains` or a subdomain of one. */
export function isAllowedLinkDomain(link: string, domains: readonly string[]): boolean {
  const url = parseWebLink(link);
  if (!url) return false;
  const host = url.hostname.replace(/\.$/, "");
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** How feedback names a link: its host, never its path or query (which may carry a token). */
export function describeLink(link: string): string {
  const url = parseWebLink(link);
  return url ? url.hostname : "a link that is not a web address from the sources";
}

function linkKey(link: string): string {
  const url = parseWebLink(link);
  if (!url) return `verbatim:${link.toLowerCase()}`;
  const host = url.hostname.replace(/\.$/, "").replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return `web:${host}${url.port ? `:${url.port}` : ""}${path}${url.search}`.toLowerCase();
}

/**
 * An http(s) URL, with `www.` and protocol-relative `//host` read as https (both are followed as
 * links). The URL parser, not a pattern, reads the host: `https://help.example.com@evil.example` goes
 * to evil.example, and full-width or zero-width characters in a host are folded as a browser does.
 */
function parseWebLink(link: string): URL | null {
  const absolute = link.startsWith("//") ? `https:${link}` : /^www\./i.test(link) ? `https://${link}` : link;
  try {
    const url = new URL(absolute);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}
