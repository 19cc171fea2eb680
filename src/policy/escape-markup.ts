/**
 * Text that neither the model nor the admin wrote (a name, a title, anything from a ticket or an
 * article) placed into a public reply, made inert for both renderers: Zendesk renders Markdown and
 * inline HTML in an agent's `body`, Intercom renders HTML. Characters that open markup become numeric
 * character references, which Markdown shows as the literal character and never reads as structure,
 * and HTML shows as the character; `://` and `www.` are broken the same way so no autolinker turns
 * the text into a link. Line breaks become spaces so the text cannot start a heading or a quote. The
 * customer reads the same characters.
 */
export function escapeMarkup(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\[\]<>*_`~#|]|&(?=[#a-z])/gi, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(/:(?=\/\/)/g, "&#58;")
    .replace(/\b(www)\./gi, "$1&#46;");
}
