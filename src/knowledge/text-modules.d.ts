/**
 * Markdown files bundled as text (wrangler.toml `[[rules]] type = "Text"`): the default export is the file's
 * content.
 */
declare module "*.md" {
  const content: string;
  export default content;
}
