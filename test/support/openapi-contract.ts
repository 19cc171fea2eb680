import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import YAML from "yaml";
import { INTERCOM_API_VERSION } from "../../src/platforms/intercom/intercom-config.ts";
import {
  attachmentDownloads,
  documentedExceptions,
  paginationParameters,
  type DocumentedException,
} from "./openapi-contract/documented-exceptions.ts";

/**
 * Checks outbound requests against the official OpenAPI descriptions in ../shared/specs (relative to
 * the repository root): the path must match a path template, the method must exist there, query
 * parameters must be declared (where the operation declares any), and a JSON body must validate
 * against the operation's requestBody schema. Requests to Intercom hosts (*.intercom.io) are checked
 * against the Intercom 2.16 spec only, and must carry the Intercom-Version the project pins; all
 * others against the Zendesk specs. The specs are parsed once per process (Intercom's, 1.3 MB,
 * only when an Intercom request is first checked).
 */
export interface ApiSpecs {
  specs: LoadedSpec[];
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
  /** Loaded on first use; null when the file is absent. */
  intercom?: LoadedSpec | null;
}

interface LoadedSpec {
  key: string;
  doc: OpenApiDoc;
  templates: Array<{ template: string; segments: string[]; literals: number }>;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string };
}

export interface CheckedRequest {
  method: string;
  url: string;
  body?: unknown;
  /** Lower-case header names; required for Intercom requests (the Intercom-Version check). */
  headers?: Record<string, string>;
}

const SPEC_FILES = [
  { key: "zendesk-support", file: "zendesk-support-oas.yaml" },
  { key: "zendesk-help-center", file: "zendesk-help-center-oas.yaml" },
];
const INTERCOM_SPEC = { key: "intercom", file: "intercom-api-2.16.yaml" };
/** Intercom-Version values the project sends (src/platforms/intercom/intercom-config.ts). */
const PINNED_INTERCOM_VERSIONS = [INTERCOM_API_VERSION];
const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

/** This file is test/support/openapi-contract.ts: the repository root is two levels up. */
const specsDir = fileURLToPath(new URL("../shared/specs/", new URL("../../", import.meta.url)));
let cached: ApiSpecs | null | undefined;

export function loadApiSpecs(): ApiSpecs | null {
  if (cached !== undefined) return cached;
  if (!SPEC_FILES.every(({ file }) => existsSync(specsDir + file))) {
    console.warn(
      `OpenAPI specs not found in ${specsDir} (../shared/specs relative to the ` +
        `repository root): spec checks are skipped.`,
    );
    cached = null;
    return cached;
  }
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, formats: FORMATS });
  const specs = SPEC_FILES.map(({ key, file }) => loadSpec(ajv, key, file));
  cached = { specs, ajv, validators: new Map() };
  return cached;
}

function loadSpec(ajv: Ajv, key: string, file: string, prepare: (doc: unknown) => unknown = (doc) => doc): LoadedSpec {
  // YAML 1.2: the Zendesk file has bare `=` scalars that YAML 1.1 loaders reject (specs/README.md).
  const doc = prepare(YAML.parse(readFileSync(specsDir + file, "utf8"), { version: "1.2" })) as OpenApiDoc;
  ajv.addSchema(doc as object, key);
  const templates = Object.keys(doc.paths).map((template) => {
    const segments = splitPath(template);
    return { template, segments, literals: segments.filter((s) => !isParam(s)).length };
  });
  return { key, doc, templates };
}

function intercomSpec(specs: ApiSpecs): LoadedSpec | null {
  if (specs.intercom !== undefined) return specs.intercom;
  if (!existsSync(specsDir + INTERCOM_SPEC.file)) {
    console.warn(`${INTERCOM_SPEC.file} not found in ${specsDir}: Intercom spec checks are skipped.`);
    specs.intercom = null;
    return null;
  }
  specs.intercom = loadSpec(specs.ajv, INTERCOM_SPEC.key, INTERCOM_SPEC.file, nullableWithoutType);
  return specs.intercom;
}

/**
 * OpenAPI 3.0 `nullable` next to a `$ref` or `allOf` (no `type`), as the Intercom spec writes it:
 * Ajv refuses it ("nullable" cannot be used without "type"), so it becomes `anyOf [schema, null]`.
 */
function nullableWithoutType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableWithoutType);
  if (!node || typeof node !== "object") return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, nullableWithoutType(v)]));
  if (nullable === undefined || "type" in out) return nullable === undefined ? out : { ...out, nullable };
  return nullable === true ? { anyOf: [out, { type: "null" }] } : out;
}

/** api.intercom.io and the regional api.eu/api.au hosts. */
function isIntercomHost(host: string): boolean {
  return /(^|\.)intercom\.io$/i.test(host);
}

/** Problems with one request; empty when it matches the specs. */
export function checkRequestAgainstSpec(specs: ApiSpecs, req: CheckedRequest): string[] {
  const url = new URL(req.url, "https://example.zendesk.com");
  const method = req.method.toUpperCase();
  const segments = splitPath(url.pathname);
  const query = [...new Set(url.searchParams.keys())];

  const download = attachmentDownloads.find(
    (d) => d.host.test(url.hostname) && matchSegments(splitPath(d.template), segments),
  );
  if (download) {
    // A file URL the API listed: fetched as is, never written to.
    return method === "GET" && req.body === undefined
      ? []
      : [`${download.template} is a file download (${download.source}): only GET without a body`];
  }
  if (isIntercomHost(url.hostname)) {
    const spec = intercomSpec(specs);
    if (!spec) return [];
    return [
      ...intercomVersionProblems(req.headers),
      ...checkOperation(specs, [spec], "Intercom spec", url.pathname, method, query, req.body),
    ];
  }
  const exception = documentedExceptions.find(
    (e) => e.method === method && matchSegments(splitPath(e.template), segments),
  );
  if (exception?.notInSpec) return checkException(specs, exception, req.body, query);
  return checkOperation(specs, specs.specs, "Zendesk specs", url.pathname, method, query, req.body, exception);
}

/** The Intercom-Version header must be present and one the project pins (the spec is that version's). */
function intercomVersionProblems(headers: Record<string, string> | undefined): string[] {
  if (!headers) return ["headers were not recorded: cannot check Intercom-Version"];
  const version = Object.entries(headers).find(([name]) => name.toLowerCase() === "intercom-version")?.[1];
  if (version === undefined) return ["Intercom-Version header missing (Intercom would use the app's default version)"];
  return PINNED_INTERCOM_VERSIONS.includes(version)
    ? []
    : [
        `Intercom-Version ${JSON.stringify(version)} is not a version the ` +
          `project pins (${PINNED_INTERCOM_VERSIONS.join(", ")})`,
      ];
}

function checkOperation(
  specs: ApiSpecs,
  pool: LoadedSpec[],
  label: string,
  pathname: string,
  method: string,
  query: string[],
  body: unknown,
  exception?: DocumentedException,
): string[] {
  const segments = splitPath(pathname);
  const candidates = pool
    .flatMap((spec) => spec.templates.filter((t) => matchSegments(t.segments, segments)).map((t) => ({ spec, ...t })))
    .sort((a, b) => b.literals - a.literals);
  if (candidates.length === 0) return [`no path template in the ${label} matches ${pathname}`];

  const problems: string[] = [];
  for (const candidate of candidates) {
    const pathItem = candidate.spec.doc.paths[candidate.template] ?? {};
    const operation = pathItem[method.toLowerCase()] as Record<string, unknown> | undefined;
    const parameters = [
      ...((pathItem.parameters as unknown[]) ?? []),
      ...((operation?.parameters as unknown[]) ?? []),
    ].map((p) => resolve(candidate.spec.doc, p) as Parameter);
    const badParam = pathParamProblem(parameters, candidate.segments, segments);
    if (badParam) {
      problems.push(`${candidate.template}: ${badParam}`);
      continue;
    }
    if (!operation) {
      const allowed = METHODS.filter((m) => m in pathItem).map((m) => m.toUpperCase());
      return [`${method} is not an operation of ${candidate.template} (the spec has ${allowed.join(", ") || "none"})`];
    }
    const where = `${method} ${candidate.template}`;
    const queryProblems = checkQuery(parameters, query).map((p) => `${where}: ${p}`);
    if (exception)
      return [...queryProblems, ...checkException(specs, exception, body, []).map((p) => `${where}: ${p}`)];
    return [
      ...queryProblems,
      ...checkBody(specs, candidate.spec, candidate.template, method, operation, body).map((p) => `${where}: ${p}`),
    ];
  }
  return problems;
}

/** Throws with a readable list of problems; logs a skip notice when the specs are absent. */
export function expectRequestsMatchSpec(requests: readonly CheckedRequest[]): void {
  const specs = loadApiSpecs();
  if (!specs) {
    console.log("spec check skipped: ../shared/specs not found");
    return;
  }
  const vendors = new Set<string>();
  const problems = requests.flatMap((req) => {
    const url = new URL(req.url, "https://x");
    const found = checkRequestAgainstSpec(specs, req);
    if (found.length) vendors.add(isIntercomHost(url.hostname) ? "Intercom" : "Zendesk");
    return found.map((p) => `${req.method.toUpperCase()} ${url.pathname}: ${p}`);
  });
  if (problems.length) {
    throw new Error(
      `requests that do not match the ` +
        `${[...vendors].sort().reverse().join(" and ")} OpenAPI specs:\n  - ` +
        `${problems.join("\n  - ")}`,
    );
  }
}

function checkQuery(parameters: Parameter[], query: string[]): string[] {
  const declared = parameters.filter((p) => p.in === "query");
  const problems = declared
    .filter((p) => p.required && !query.includes(p.name))
    .map((p) => `required query parameter "${p.name}" missing`);
  // Only where the operation declares query parameters: many operations document none and accept sideloads.
  if (declared.length === 0) return problems;
  const names = new Set(declared.map((p) => p.name));
  for (const key of query) {
    if (!names.has(key) && !paginationParameters.has(key)) {
      problems.push(`query parameter "${key}" is not declared (declared: ${[...names].join(", ")})`);
    }
  }
  return problems;
}

function checkBody(
  specs: ApiSpecs,
  spec: LoadedSpec,
  template: string,
  method: string,
  operation: Record<string, unknown>,
  body: unknown,
) {
  let requestBody = operation.requestBody as Record<string, unknown> | undefined;
  let pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/requestBody`;
  if (requestBody && typeof requestBody.$ref === "string") {
    pointer = requestBody.$ref;
    requestBody = resolve(spec.doc, requestBody) as Record<string, unknown>;
  }
  const schema = (requestBody?.content as Record<string, { schema?: unknown }> | undefined)?.["application/json"]
    ?.schema;
  if (body === undefined) return requestBody?.required ? ["the operation requires a JSON body; none was sent"] : [];
  if (!schema) return ["a body was sent but the operation takes no JSON request body"];
  const ref = `${spec.key}${pointer}/content/${escapePointer("application/json")}/schema`;
  return validate(specs, ref, () => ({ $ref: ref }), body);
}

function checkException(specs: ApiSpecs, exception: DocumentedException, body: unknown, query: string[]): string[] {
  const problems = query.map((key) => `query parameter "${key}" is not documented for this endpoint`);
  if (!exception.bodySchema)
    return body === undefined ? problems : [...problems, "a body was sent but the endpoint takes none"];
  if (body === undefined) return [...problems, "the endpoint requires a JSON body; none was sent"];
  const schema = exception.bodySchema;
  return [...problems, ...validate(specs, `exception:${exception.method} ${exception.template}`, () => schema, body)];
}

function validate(specs: ApiSpecs, key: string, schema: () => object, body: unknown): string[] {
  let validator = specs.validators.get(key);
  if (!validator) {
    validator = specs.ajv.compile(schema());
    specs.validators.set(key, validator);
  }
  if (validator(body)) return [];
  return (validator.errors ?? []).map((e) => `body${e.instancePath || ""} ${e.message ?? "is invalid"}`);
}

/** A path parameter typed integer must be digits (this is what tells `/users/me` from `/users/{user_id}`). */
function pathParamProblem(parameters: Parameter[], template: string[], actual: string[]): string | null {
  for (const [i, segment] of template.entries()) {
    if (!isParam(segment)) continue;
    const param = parameters.find((p) => p.in === "path" && p.name === segment.slice(1, -1));
    if (param?.schema?.type === "integer" && !/^\d+$/.test(actual[i] ?? ""))
      return `path parameter ${segment} must be an integer`;
  }
  return null;
}

function matchSegments(template: string[], actual: string[]): boolean {
  return template.length === actual.length && template.every((s, i) => isParam(s) || s === actual[i]);
}

/** Segments without Zendesk's optional `.json` suffix (zendesk-client.ts adds it; the specs mostly omit it). */
function splitPath(path: string): string[] {
  return path
    .replace(/\.json$/, "")
    .split("/")
    .filter(Boolean)
    .map(decodeURIComponent);
}

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

function resolve(doc: OpenApiDoc, value: unknown): unknown {
  const ref = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return value;
  const target = ref
    .slice(2)
    .split("/")
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
      doc,
    );
  return resolve(doc, target);
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));
}

const FORMATS = {
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S*$/i,
  url: /^[a-z][a-z0-9+.-]*:\S*$/i,
};
