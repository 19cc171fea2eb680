import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  defaultSettings,
  settingDefinitions,
  settingEnvVar,
  settingsSchema,
  type SettingField,
} from "../../src/config/settings-schema.ts";

/**
 * Zendesk only validates an app on upload (`zcli apps:validate` calls the account's API), so the
 * rules of its validator are mirrored here: zendesk/zendesk_apps_support,
 * lib/zendesk_apps_support/validations/manifest.rb, translations.rb and secure_settings.rb.
 */
const appDir = new URL("../../manifest/", import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, appDir), "utf8"));
const hasFile = (path: string) => existsSync(new URL(path, appDir));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const PARAMETER_TYPES = ["text", "password", "checkbox", "url", "number", "multiline", "hidden"];
const SUPPORT_LOCATIONS = [
  "top_bar",
  "nav_bar",
  "ticket_sidebar",
  "new_ticket_sidebar",
  "user_sidebar",
  "organization_sidebar",
  "background",
  "modal",
  "ticket_editor",
  "system_top_bar",
  "ticket_module",
];
const VALID_LOCALE = /^[a-z]{2}(-\w{2,3})?$/;
/** Names Zendesk warns about when not secure; Deskmate keeps every secret in Worker secrets instead. */
const SECRET_LIKE = /token|key|pwd|password|secret/i;

/** Every rule `manifest` breaks, given which package files exist. Empty means valid. */
function manifestErrors(manifest: Json, fileExists: (path: string) => boolean): string[] {
  const errors: string[] = [];
  for (const key of ["name", "author", "defaultLocale", "location", "frameworkVersion"]) {
    if (manifest[key] === undefined) errors.push(`missing key ${key}`);
  }
  for (const key of ["name", "defaultLocale", "version", "frameworkVersion"]) {
    if (manifest[key] !== undefined && typeof manifest[key] !== "string") errors.push(`${key} must be a string`);
  }
  for (const key of ["private", "requirementsOnly", "marketingOnly", "singleInstall", "signedUrls"]) {
    if (manifest[key] !== undefined && typeof manifest[key] !== "boolean") errors.push(`${key} must be a boolean`);
  }
  const author = manifest.author;
  if (!isObject(author) || !["name", "email", "url"].every((key) => typeof author[key] === "string")) {
    errors.push("author needs string name, email and url");
  } else if (!/^https?:\/\//.test(String(author.url))) errors.push("author url must be http(s)");
  // Apps created or updated today must target the current framework (AppVersion::VALID_FOR_CREATE).
  if (manifest.frameworkVersion !== "2.0") errors.push("frameworkVersion must be 2.0");

  const locale = manifest.defaultLocale;
  if (typeof locale !== "string" || !VALID_LOCALE.test(locale)) errors.push("invalid defaultLocale");
  else if (!fileExists(`translations/${locale}.json`)) errors.push(`missing translations/${locale}.json`);

  const location = manifest.location;
  if (!isObject(location) || Object.keys(location).length === 0) errors.push("location must name a product");
  for (const [product, places] of Object.entries(isObject(location) ? location : {})) {
    if (product !== "support") errors.push(`unsupported product ${product}`);
    for (const [place, options] of Object.entries(isObject(places) ? places : {})) {
      if (!SUPPORT_LOCATIONS.includes(place)) errors.push(`unknown location ${place}`);
      const url = isObject(options) ? options.url : options;
      const absoluteOk = typeof url === "string" && /^https:\/\//.test(url);
      const relativeOk = typeof url === "string" && url.startsWith("assets/") && fileExists(url);
      if (!absoluteOk && !relativeOk) errors.push(`location ${place} url must be https or an existing assets/ file`);
      if (isObject(options) && options.flexible !== undefined && typeof options.flexible !== "boolean") {
        errors.push(`location ${place} flexible must be a boolean`);
      }
    }
  }

  const parameters = manifest.parameters ?? [];
  if (!Array.isArray(parameters)) return [...errors, "parameters must be an array"];
  const names = parameters.map((parameter: Json) => parameter.name);
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  if (duplicates.length > 0) errors.push(`duplicate parameters ${duplicates.join(", ")}`);
  for (const parameter of parameters as Json[]) {
    const { name, type = "text", required, secure } = parameter;
    if (typeof name !== "string" || name === "") errors.push("parameter without a name");
    if (name === "name") errors.push('no parameter may be called "name"');
    if (typeof type !== "string" || !PARAMETER_TYPES.includes(type)) errors.push(`${String(name)}: invalid type`);
    if (required !== undefined && typeof required !== "boolean")
      errors.push(`${String(name)}: required must be boolean`);
    if (secure !== undefined && typeof secure !== "boolean") errors.push(`${String(name)}: secure must be boolean`);
    if (type === "hidden" && required === true) errors.push(`${String(name)}: hidden parameters cannot be required`);
    if ((secure === true || type === "hidden") && "default" in parameter)
      errors.push(`${String(name)}: secure/hidden with default`);
    if (secure === true || type === "password" || type === "oauth")
      errors.push(`${String(name)}: secrets belong in Worker secrets`);
    if (typeof name === "string" && SECRET_LIKE.test(name)) errors.push(`${name}: secret-like name`);
    if ("default" in parameter) {
      const expected = type === "checkbox" ? "boolean" : type === "number" ? "number" : "string";
      if (typeof parameter.default !== expected) errors.push(`${String(name)}: default must be a ${expected}`);
    }
  }
  return errors;
}

/** Translation rules for the default locale: required app keys and a label + helpText per parameter. */
function translationErrors(translations: unknown, parameterNames: string[]): string[] {
  if (!isObject(translations) || !isObject(translations.app)) return ["translations need an app object"];
  const app = translations.app;
  const errors = ["name", "short_description", "long_description", "installation_instructions"]
    .filter((key) => typeof app[key] !== "string" || app[key] === "")
    .map((key) => `missing app.${key}`);
  const parameters = isObject(app.parameters) ? app.parameters : {};
  for (const name of parameterNames) {
    const entry = parameters[name];
    for (const key of ["label", "helpText"]) {
      if (!isObject(entry) || typeof entry[key] !== "string" || entry[key] === "")
        errors.push(`missing app.parameters.${name}.${key}`);
    }
  }
  return errors;
}

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(new URL(path, appDir));
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const manifest = readJson("manifest.json") as Json;
const parameters = (manifest.parameters ?? []) as Json[];
const fields = Object.keys(settingDefinitions) as SettingField[];

describe("Zendesk app package", () => {
  it("passes the mirrored manifest rules", () => {
    expect(manifestErrors(manifest, hasFile)).toEqual([]);
    expect(manifest).toMatchObject({ name: "Deskmate", private: true, version: "0.1.0", defaultLocale: "en" });
  });

  it("the rules catch what Zendesk rejects", () => {
    const broken = {
      ...manifest,
      frameworkVersion: "1.0",
      location: { support: { ticket_sidebar: { url: "iframe.html", flexible: "yes" } } },
      parameters: [
        { name: "name", type: "text" },
        { name: "x", type: "hidden", required: true },
        { name: "x", type: "select" },
        { name: "api_token", type: "text", secure: true, default: "abc" },
        { name: "n", type: "number", default: "3" },
      ],
    };
    const errors = manifestErrors(broken, () => false).join("\n");
    for (const rule of [
      "frameworkVersion",
      "url must be https",
      "flexible",
      '"name"',
      "hidden parameters cannot be required",
      "duplicate parameters x",
      "x: invalid type",
      "secure/hidden with default",
      "secret-like",
      "n: default must be a number",
    ]) {
      expect(errors).toContain(rule);
    }
  });

  it("has translations for the app and every parameter", () => {
    const names = parameters.map((parameter) => String(parameter.name));
    expect(translationErrors(readJson("translations/en.json"), names)).toEqual([]);
    expect(translationErrors({ app: { name: "x", parameters: {} } }, ["mode"])).toContain(
      "missing app.parameters.mode.label",
    );
  });

  it("ships 320x320 and 128x128 PNG logos", () => {
    expect(pngSize("assets/logo.png")).toEqual([320, 320]);
    expect(pngSize("assets/logo-small.png")).toEqual([128, 128]);
  });

  it("opens the sidebar and the nav bar console from the worker, signed by Zendesk", () => {
    // Both pages come from the worker's signed URLs: Zendesk posts its JWT on the first load, so the
    // agent's browser never holds the admin token. Deployers replace the host with their worker's.
    const support = (manifest.location as { support: Record<string, Json> }).support;
    expect(support.ticket_sidebar).toMatchObject({ signed: true, flexible: true });
    expect(support.nav_bar).toMatchObject({ signed: true });
    expect(new URL(String(support.ticket_sidebar?.url)).pathname).toBe("/zendesk-app/sidebar");
    expect(new URL(String(support.nav_bar?.url)).pathname).toBe("/zendesk-app/console");
    const icon = readFileSync(new URL("assets/icon_nav_bar.svg", appDir), "utf8");
    expect(icon).toMatch(/<svg[^>]*viewBox="0 0 18 18"/);
    expect(icon).not.toContain("<image");
  });
});

describe("manifest parameters match the settings table", () => {
  it("has exactly one parameter per setting, plus the required worker_url", () => {
    const expected = ["worker_url", ...fields.map((field) => settingDefinitions[field].name)].sort();
    expect(parameters.map((parameter) => parameter.name).sort()).toEqual(expected);
    expect(parameters.find((parameter) => parameter.name === "worker_url")).toEqual({
      name: "worker_url",
      type: "url",
      required: true,
    });
  });

  it.each(fields)("%s: snake_case name, type, default and translation", (field) => {
    const definition = settingDefinitions[field];
    expect(definition.name).toBe(field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
    expect(settingEnvVar(definition)).toBe(`DESKMATE_${definition.name.toUpperCase()}`);

    const parameter = parameters.find((candidate) => candidate.name === definition.name);
    expect(parameter).toBeDefined();
    expect(parameter?.type).toBe(definition.type);
    expect(parameter?.required ?? false).toBe(false);
    // Same default: the manifest's value parses to the schema default; "no default" only for empty ones.
    if (parameter && "default" in parameter) {
      expect(settingsSchema.shape[field].parse(parameter.default)).toEqual(defaultSettings[field]);
    } else {
      expect([null, [], {}]).toContainEqual(defaultSettings[field]);
    }

    const translations = readJson("translations/en.json") as { app: { parameters: Record<string, Json> } };
    expect(translations.app.parameters[definition.name]).toEqual({
      label: definition.label,
      helpText: definition.description,
    });
  });
});
