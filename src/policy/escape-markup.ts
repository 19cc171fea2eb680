/**
 * Text that neither the model nor the admin wrote (a name, a title, anything from a ticket or an
 * article) placed into a public reply, made inert for both renderers: Zendesk renders Markdown and
 * inline HTML in an agent's `body`, Intercom renders HTML. Characters that open markup become numeric
 * character references, which Markdown shows as the literal character and never reads as structure,
 * and HTML shows as the character. A URL inside such text is defanged (`https[:]//`, `www[.]`), since
 * renderers autolink after decoding references: it stays readable but is never a link. Line breaks
 * become spaces so the text cannot start a heading or a quote.
 */
export function escapeMarkup(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/:(?=\/\/)/g, "[:]")
    .replace(/\b(www)\./gi, "$1[.]")
    .replace(/[\\[\]<>*_`~#|]|&(?=[#a-z])/gi, (ch) => `&#${ch.charCodeAt(0)};`);
}
