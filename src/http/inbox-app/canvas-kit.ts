import { normalizeText } from "../../lib/normalize-text.ts";

/**
 * The Canvas Kit components the inbox app uses, with the field names of Intercom's component reference
 * (developers.intercom.com/docs/references/canvas-kit: presentationcomponents/text, divider;
 * interactivecomponents/button; actioncomponents/submit-action). A response replaces the whole
 * canvas; its content may be at most 64 KB.
 */
export type CanvasTextStyle = "header" | "paragraph" | "muted" | "error";

export interface CanvasText {
  type: "text";
  id?: string;
  /** Rendered with Markdown links and bold: customer text must go through `plainCanvasText`. */
  text: string;
  style: CanvasTextStyle;
}

export interface CanvasDivider {
  type: "divider";
}

export interface CanvasButton {
  type: "button";
  id: string;
  label: string;
  style: "primary" | "secondary" | "link";
  action: { type: "submit" };
}

export type CanvasComponent = CanvasText | CanvasDivider | CanvasButton;

/** The Initialize and Submit response: `{ canvas: { content: { components } } }`. */
export interface CanvasResponse {
  canvas: { content: { components: CanvasComponent[] } };
}

export function canvasResponse(components: CanvasComponent[]): CanvasResponse {
  return { canvas: { content: { components } } };
}

export function text(value: string, style: CanvasTextStyle = "paragraph"): CanvasText {
  return { type: "text", text: value, style };
}

export function submitButton(id: string, label: string, style: CanvasButton["style"]): CanvasButton {
  return { type: "button", id, label, style, action: { type: "submit" } };
}

/**
 * Text components render Markdown links (`[label](url)`) and bold (`**`). Customer words and model
 * output are data: break both constructs so a message cannot plant a link in an agent's inbox, and
 * cap the length so one long message cannot push the canvas past its size limit.
 */
export function plainCanvasText(value: string, maxLength = 500): string {
  // Normalized first: a bidi override or zero-width character must not reorder or hide what an agent reads.
  const flat = normalizeText(value).replace(/\s+/g, " ").trim();
  const capped = flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
  return capped.replace(/\[/g, "(").replace(/\]/g, ")").replace(/\*/g, "\u2217");
}

export function divider(): CanvasDivider {
  return { type: "divider" };
}
