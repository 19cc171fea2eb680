/**
 * Every link target a reply would render, in every syntax Zendesk (Markdown from agents) or Intercom
 * (HTML) turns into something clickable or loaded: Markdown links `[text](url)` and images, reference
 * definitions `[1]: url`, autolinks `<url>`, HTML attributes (`<a href>`, `<img src>`, ...) and bare
 * URLs. Over-reporting is safe (the caller rejects what it cannot source); missing one is not, so the
 * patterns are loose on purpose and the targets are returned raw, as written.
 */
export function findLinks(text: string): string[] {
  const targets: string[] = [];
  // Renderers decode character references and Markdown escapes before autolinking: `https&#58;//`
  // and `www\.` become links too, so the decoded text is searched as well as the raw one.
  const decoded = decodeMarkup(text);
  for (const source of decoded === text ? [text] : [text, decoded]) {
    for (const pattern of LINK_PATTERNS) {
      for (const match of source.matchAll(pattern)) {
        const target = match.slice(1).find((group) => group !== undefined);
        if (target !== undefined) targets.push(trimTarget(target));
      }
    }
  }
  return [...new Set(targets)].filter((target) => target !== "");
}

const LINK_PATTERNS: readonly RegExp[] = [
  // Inline Markdown link or image destination, with or without <...>: [text](url "title"), ![alt](url).
  /\]\(\s*(?:<([^>\n]*)>|([^\s)]*))/g,
  // Reference definition: [id]: url (the destination may start on the next line).
  /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))/gm,
  // Autolink: <https://...>, <mailto:...>, <javascript:...>.
  /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi,
  // HTML attributes that navigate or load: href, src, srcset, action, formaction, ...
  new RegExp(
    [
      String.raw`\b(?:href|src|srcset|action|formaction|poster|background|cite|data|`,
      String.raw`xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`,
    ].join(""),
    "gi",
  ),
  // Bare URL with any scheme, or starting with www. (both are autolinked by Markdown renderers).
  /((?:\b[a-z][a-z0-9+.-]{1,31}:\/\/|\bwww\.)[^\s<>"'()[\]{}]+)/gi,
];

function trimTarget(target: string): string {
  return target.trim().replace(/[.,;:!?]+$/, "");
}

const NAMED_REFERENCES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  sol: "/",
  period: ".",
  lpar: "(",
  rpar: ")",
  lsqb: "[",
  rsqb: "]",
  nbsp: " ",
};

/** Numeric and common named character references decoded, Markdown backslash escapes removed. */
function decodeMarkup(text: string): string {
  return text
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&#(?:x([0-9a-f]{1,6})|(\d{1,7}));?/gi, (whole, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/&([a-z]{2,6});/gi, (whole, name: string) => NAMED_REFERENCES[name.toLowerCase()] ?? whole);
}
