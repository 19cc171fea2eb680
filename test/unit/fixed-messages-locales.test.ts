import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import {
  DEFAULT_DISCLOSURE_TEXT,
  DEFAULT_ESCALATION_MESSAGE,
  defaultSettings,
  settingsSchema,
} from "../../src/config/settings-schema.ts";
import { parseSettingsFromEnv } from "../../src/config/load-settings.ts";
import { FIXED_MESSAGE_KINDS } from "../../src/domain/fixed-message.ts";
import { BUNDLED_LOCALES, BUNDLED_MESSAGES } from "../../src/handoff/bundled-messages.ts";
import { customerLocale } from "../../src/handoff/customer-locale.ts";
import { escalationMessage } from "../../src/handoff/escalation-message.ts";
import { fixedMessage } from "../../src/handoff/fixed-messages.ts";
import type { TicketContext } from "../../src/domain/ticket.ts";

const wait = { minMinutes: 20, maxMinutes: 45 };
const opening = { at: "2026-12-07T08:00:00Z", timeZone: "Europe/Madrid" };

describe("fixedMessage: bundled sets per language", () => {
  it("English stays byte-identical to the settings' defaults", () => {
    expect(fixedMessage("disclosure", "en", {}, defaultSettings)).toBe(DEFAULT_DISCLOSURE_TEXT);
    expect(fixedMessage("escalation", "en", {}, defaultSettings)).toBe(DEFAULT_ESCALATION_MESSAGE);
    expect(escalationMessage(defaultSettings)).toBe(DEFAULT_ESCALATION_MESSAGE);
  });

  it("every bundled language has every kind, with the blanks its kind needs", () => {
    for (const locale of BUNDLED_LOCALES) {
      for (const kind of FIXED_MESSAGE_KINDS)
        expect(BUNDLED_MESSAGES[locale][kind].trim(), `${locale}.${kind}`).not.toBe("");
      expect(BUNDLED_MESSAGES[locale].escalation_wait).toContain("{wait}");
      expect(BUNDLED_MESSAGES[locale].off_hours).toContain("{opening}");
    }
  });

  it.each([
    ["es", "Gracias por su paciencia", "20-45 minutos", "el lunes a las 9:00 (Europe/Madrid)"],
    ["fr", "Merci de votre patience", "20–45 minutes", "lundi à 9:00 (Europe/Madrid)"],
    ["de", "Vielen Dank für Ihre Geduld", "20–45 Minuten", "Montag um 9:00 Uhr (Europe/Madrid)"],
    ["pt", "Obrigado pela paciência", "20–45 minutos", "segunda-feira às 9:00 (Europe/Madrid)"],
  ])("%s: the wait range and the opening are written in the language", (locale, thanks, range, when) => {
    expect(fixedMessage("escalation", locale)).toContain(thanks);
    expect(fixedMessage("escalation_wait", locale, { wait })).toContain(range);
    expect(fixedMessage("off_hours", locale, { opening })).toContain(when);
  });

  it("a regional tag uses its language's set; an unknown language falls back to English", () => {
    expect(fixedMessage("data_notice", "pt-BR")).toBe(BUNDLED_MESSAGES.pt.data_notice);
    expect(fixedMessage("data_notice", "ja")).toBe(BUNDLED_MESSAGES.en.data_notice);
  });

  it("a wait of hours is a range of hours in every language", () => {
    expect(fixedMessage("escalation_wait", "de", { wait: { minMinutes: 90, maxMinutes: 240 } })).toContain(
      "1–4 Stunden",
    );
  });
});

describe("message_translations: the admin's texts", () => {
  const translations = settingsSchema.shape.messageTranslations.parse(
    JSON.stringify({
      it: { escalation: "Grazie! Un collega del supporto la aiuterà qui.", escalation_wait: "Di solito {wait}." },
      ES: { disclosure: "Hola, soy el asistente de IA de Acme." },
      pt_BR: { data_notice: "Vou dar uma olhada na sua conta." },
    }),
  );

  it("adds a language and overrides a bundled kind, the rest falls back per kind", () => {
    const texts = { ...defaultSettings, messageTranslations: translations };
    expect(fixedMessage("escalation", "it", {}, texts)).toBe("Grazie! Un collega del supporto la aiuterà qui.");
    expect(fixedMessage("escalation_wait", "it", { wait }, texts)).toBe("Di solito 20-45 minuti.");
    expect(fixedMessage("disclosure", "it", {}, texts)).toBe(DEFAULT_DISCLOSURE_TEXT);
    expect(fixedMessage("disclosure", "es", {}, texts)).toBe("Hola, soy el asistente de IA de Acme.");
    expect(fixedMessage("escalation", "es", {}, texts)).toBe(BUNDLED_MESSAGES.es.escalation);
    expect(fixedMessage("data_notice", "pt-br", {}, texts)).toBe("Vou dar uma olhada na sua conta.");
    expect(fixedMessage("data_notice", "pt-pt", {}, texts)).toBe(BUNDLED_MESSAGES.pt.data_notice);
  });

  it("the English settings customise English only, and an English translation beats them", () => {
    const custom = {
      ...defaultSettings,
      disclosureText: "AI helper here.",
      escalationMessage: "A person will take it.",
    };
    expect(fixedMessage("disclosure", "en", {}, custom)).toBe("AI helper here.");
    expect(escalationMessage(custom, "en")).toBe("A person will take it.");
    expect(fixedMessage("disclosure", "es", {}, custom)).toBe(BUNDLED_MESSAGES.es.disclosure);
    const withEnglish = { ...custom, messageTranslations: { en: { disclosure: "Translated English." } } };
    expect(fixedMessage("disclosure", "en-gb", {}, withEnglish)).toBe("Translated English.");
  });

  it("refuses a bad document naming the field, the locale, the kind and the fix", () => {
    const { logger, lines } = createMemoryLogger();
    const bad = {
      "not a tag!": { escalation: "x" },
      es: { escalation_wait: "Espere, por favor.", greeting: "Hola", disclosure: "Soy {opening}" },
      fr: { off_hours: "" },
    };
    const settings = parseSettingsFromEnv({ DESKMATE_MESSAGE_TRANSLATIONS: JSON.stringify(bad) }, logger);
    expect(settings.messageTranslations).toEqual({});
    const line = lines.find((l) => l.setting === "message_translations");
    const error = String(line?.error);
    expect(error).toContain('"not a tag!" is not a language tag; use one such as "es"');
    expect(error).toContain('"es".escalation_wait: must contain {wait}');
    expect(error).toContain('"es".greeting: unknown message kind; use one of disclosure, escalation');
    expect(error).toContain('"es".disclosure: {opening} cannot be filled in here; remove it');
    expect(error).toContain('"fr".off_hours: give the message as non-empty text');
    expect(String(line?.fix)).toContain('"message_translations"');
  });

  it("refuses text that is not JSON", () => {
    const parsed = settingsSchema.shape.messageTranslations.safeParse("es: hola");
    expect(parsed.success).toBe(false);
    expect(String(parsed.error?.issues[0]?.message)).toContain("not valid JSON");
  });
});

describe("customerLocale", () => {
  const context = (locale: string | null) =>
    ({
      requester: { status: "present", value: { id: "1", name: "C", email: null, locale } },
    }) as unknown as Pick<TicketContext, "requester">;

  it.each([
    [
      "a confident Spanish message beats a default English locale",
      "en-us",
      "Hola, mi pedido todavía no ha llegado.",
      "es",
    ],
    [
      "the requester's regional tag is kept when the message is in its language",
      "pt-BR",
      "Meu pedido ainda não chegou.",
      "pt-br",
    ],
    ["a message too short to tell leaves the requester's locale", "de", "ok", "de"],
    ["a language without a bundled set is kept for the admin's translations", "it", "ok", "it"],
    ["no locale and nothing to detect: English", null, "ok", "en"],
    ["no message given: the requester's locale", "fr-CA", undefined, "fr-ca"],
  ])("%s", (_rule, locale, message, expected) => {
    expect(customerLocale(context(locale), message)).toBe(expected);
  });
});
