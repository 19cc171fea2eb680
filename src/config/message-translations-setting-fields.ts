import * as z from "zod";
import {
  FIXED_MESSAGE_KINDS,
  FIXED_MESSAGE_PLACEHOLDERS,
  type FixedMessageKind,
  type MessageTranslations,
} from "../domain/fixed-message.ts";
import { limits, setting } from "./setting-field.ts";

/** "es", "pt-BR", "zh-Hant-TW": a language subtag and optional region/script subtags (BCP 47 shape). */
const LOCALE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8}){0,2}$/i;
const PLACEHOLDER = /\{([^{}]*)\}/g;
/** One message: at most this many characters and lines, like the escalation message setting. */
const MAX_TEXT_CHARS = 2_000;
const MAX_TEXT_LINES = 20;

/**
 * Every problem of a translations document, each naming the locale, the kind and the fix. Locale
 * tags are compared lower case with "-" ("pt_BR" and "pt-br" are the same language).
 */
export function translationProblems(document: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { maxItems = 0 } = limits("messageTranslations");
  const tags = Object.keys(document);
  if (tags.length > maxItems) problems.push(`at most ${maxItems} languages; remove some`);
  const seen = new Set<string>();
  for (const tag of tags) {
    if (!LOCALE_TAG.test(tag)) {
      problems.push(`"${tag}" is not a language tag; use one such as "es", "it" or "pt-br"`);
      continue;
    }
    const normalized = normalizeTag(tag);
    if (seen.has(normalized)) problems.push(`"${tag}" is given twice (tags ignore case and "_"/"-"); keep one`);
    seen.add(normalized);
    const messages = document[tag];
    if (typeof messages !== "object" || messages === null || Array.isArray(messages)) {
      problems.push(`"${tag}": use an object of message kind → text, e.g. {"escalation": "..."}`);
      continue;
    }
    for (const [kind, text] of Object.entries(messages)) problems.push(...textProblems(tag, kind, text));
  }
  return problems;
}

function textProblems(tag: string, kind: string, text: unknown): string[] {
  const where = `"${tag}".${kind}`;
  if (!(FIXED_MESSAGE_KINDS as readonly string[]).includes(kind))
    return [`${where}: unknown message kind; use one of ${FIXED_MESSAGE_KINDS.join(", ")}`];
  if (typeof text !== "string" || text.trim() === "") return [`${where}: give the message as non-empty text`];
  const problems: string[] = [];
  if (text.length > MAX_TEXT_CHARS) problems.push(`${where}: at most ${MAX_TEXT_CHARS} characters; shorten it`);
  if (text.split(/\r\n|\r|\n/).length > MAX_TEXT_LINES) problems.push(`${where}: at most ${MAX_TEXT_LINES} lines`);
  const allowed = FIXED_MESSAGE_PLACEHOLDERS[kind as FixedMessageKind];
  const used = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
  for (const name of allowed) {
    if (!used.includes(name))
      problems.push(`${where}: must contain {${name}} where the ${describe(name)} goes; add it`);
  }
  for (const name of new Set(used)) {
    if (!(allowed as readonly string[]).includes(name))
      problems.push(
        `${where}: {${name}} cannot be filled in here; ` +
          (allowed.length ? `use only ${allowed.map((a) => `{${a}}`).join(", ")}` : "remove it"),
      );
  }
  return problems;
}

function describe(name: string): string {
  return name === "wait" ? "wait range (e.g. 10–30 minutes)" : "team's next opening (day and time)";
}

/** Lower case with "-": the form locale tags are stored and compared in. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/_/g, "-");
}

const translationsDocument = z
  .preprocess(
    (value, ctx) => {
      if (typeof value !== "string") return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({
          code: "custom",
          message: 'not valid JSON; use an object such as {"es": {"escalation": "..."}}',
        });
        return z.NEVER;
      }
    },
    z.record(z.string(), z.unknown(), { error: 'use a JSON object such as {"es": {"escalation": "..."}}' }),
  )
  .superRefine((document, ctx) => {
    for (const problem of translationProblems(document)) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(
    (document): MessageTranslations =>
      Object.fromEntries(
        Object.entries(document).map(([tag, messages]) => [normalizeTag(tag), messages as MessageTranslations[string]]),
      ),
  );

/** The translations field of the settings schema (definition in message-translations-settings.ts). */
export const messageTranslationsSettingFields = {
  messageTranslations: setting("messageTranslations", translationsDocument, {}),
};
