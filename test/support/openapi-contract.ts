import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import YAML from "yaml";
import { documentedExceptions, paginationParameters, type DocumentedException } from "./openapi-contract/documented-exceptions.ts";

/**
 * Checks outbound requests against the official Zendesk OpenAPI descriptions in ../shared/specs
 * (relative to the repository root): the path must match a path template, the method must exist
 * there, query parameters must be declared (where the operation declares any), and a JSON body must
 * validate against the operation's requestBody schema. The specs are parsed once per process.
 */
export interface ApiSpecs {
  specs: LoadedSpec[];
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
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
}

const SPEC_FILES = [
  { key: "zendesk-support", file: "zendesk-support-oas.yaml" },
  { key: "zendesk-help-center", file: "zendesk-help-center-oas.yaml" },
];
const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

/** This file is test/support/openapi-contract.ts: the repository root is two levels up. */
const specsDir = fileURLToPath(new URL("../shared/specs/", new URL("../../", import.meta.url)));
let cached: ApiSpecs | null | undefined;

export function loadApiSpecs(): ApiSpecs | null {
  if (cached !== undefined) return cached;
  if (!SPEC_FILES.every(({ file }) => existsSync(specsDir + file))) {
    console.warn(`OpenAPI specs not found in ${specsDir} (../shared/specs relative to the repository root): spec checks are skipped.`);
    return (cached = null);
  }
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, formats: FORMATS });
  const specs = SPEC_FILES.map(({ key, file }) => {
    // YAML 1.2: the Zendesk file has bare `=` scalars that YAML 1.1 loaders reject (specs/README.md).
    const doc = YAML.parse(readFileSync(specsDir + file, "utf8"), { version: "1.2" }) as OpenApiDoc;
    ajv.addSchema(doc as object, key);
    const templates = Object.keys(doc.paths).map((template) => {
      const segments = splitPath(template);
      return { template, segments, literals: segments.filter((s) => !isParam(s)).length };
    });
    return { key, doc, templates };
  });
  return (cached = { specs, ajv, validators: new Map() });
}

/** Problems with one request; empty when it matches the specs. */
export function checkRequestAgainstSpec(specs: ApiSpecs, req: CheckedRequest): string[] {
  const url = new URL(req.url, "https://example.zendesk.com");
  const method = req.method.toUpperCase();
  const segments = splitPath(url.pathname);
  const query = [...new Set(url.searchParams.keys())];

  const exception = documentedExceptions.find((e) => e.method === method && matchSegments(splitPath(e.template), segments));
  if (exception?.notInSpec) return checkException(specs, exception, req.body, query);

  const candidates = specs.specs
    .flatMap((spec) => spec.templates.filter((t) => matchSegments(t.segments, segments)).map((t) => ({ spec, ...t })))
    .sort((a, b) => b.literals - a.literals);
  if (candidates.length === 0) return [`no path template in the Zendesk specs matches ${url.pathname}`];

  const problems: string[] = [];
  for (const candidate of candidates) {
    const pathItem = candidate.spec.doc.paths[candidate.template] ?? {};
    const operation = pathItem[method.toLowerCase()] as Record<string, unknown> | undefined;
    const parameters = [...((pathItem.parameters as unknown[]) ?? []), ...((operation?.parameters as unknown[]) ?? [])].map(
      (p) => resolve(candidate.spec.doc, p) as Parameter,
    );
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
    if (exception) return [...queryProblems, ...checkException(specs, exception, req.body, []).map((p) => `${where}: ${p}`)];
    return [...queryProblems, ...checkBody(specs, candidate.spec, candidate.template, method, operation, req.body).map((p) => `${where}: ${p}`)];
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
  const problems = requests.flatMap((req) =>
    checkRequestAgainstSpec(specs, req).map((p) => `${req.method.toUpperCase()} ${new URL(req.url, "https://x").pathname}: ${p}`),
  );
  if (problems.length) throw new Error(`requests that do not match the Zendesk OpenAPI specs:\n  - ${problems.join("\n  - ")}`);
}

function checkQuery(parameters: Parameter[], query: string[]): string[] {
  const declared = parameters.filter((p) => p.in === "query");
  const problems = declared.filter((p) => p.required && !query.includes(p.name)).map((p) => `required query parameter "${p.name}" missing`);
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

function checkBody(specs: ApiSpecs, spec: LoadedSpec, template: string, method: string, operation: Record<string, unknown>, body: unknown) {
  let requestBody = operation.requestBody as Record<string, unknown> | undefined;
  let pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/requestBody`;
  if (requestBody && typeof requestBody.$ref === "string") {
    pointer = requestBody.$ref;
    requestBody = resolve(spec.doc, requestBody) as Record<string, unknown>;
  }
  const schema = (requestBody?.content as Record<string, { schema?: unknown }> | undefined)?.["application/json"]?.schema;
  if (body === undefined) return requestBody?.required ? ["the operation requires a JSON body; none was sent"] : [];
  if (!schema) return ["a body was sent but the operation takes no JSON request body"];
  const ref = `${spec.key}${pointer}/content/${escapePointer("application/json")}/schema`;
  return validate(specs, ref, () => ({ $ref: ref }), body);
}

function checkException(specs: ApiSpecs, exception: DocumentedException, body: unknown, query: string[]): string[] {
  const problems = query.map((key) => `query parameter "${key}" is not documented for this endpoint`);
  if (!exception.bodySchema) return body === undefined ? problems : [...problems, "a body was sent but the endpoint takes none"];
  if (body === undefined) return [...problems, "the endpoint requires a JSON body; none was sent"];
  const schema = exception.bodySchema;
  return [...problems, ...validate(specs, `exception:${exception.method} ${exception.template}`, () => schema, body)];
}

function validate(specs: ApiSpecs, key: string, schema: () => object, body: unknown): string[] {
  let validator = specs.validators.get(key);
  if (!validator) specs.validators.set(key, (validator = specs.ajv.compile(schema())));
  if (validator(body)) return [];
  return (validator.errors ?? []).map((e) => `body${e.instancePath || ""} ${e.message ?? "is invalid"}`);
}

/** A path parameter typed integer must be digits (this is what tells `/users/me` from `/users/{user_id}`). */
function pathParamProblem(parameters: Parameter[], template: string[], actual: string[]): string | null {
  for (const [i, segment] of template.entries()) {
    if (!isParam(segment)) continue;
    const param = parameters.find((p) => p.in === "path" && p.name === segment.slice(1, -1));
    if (param?.schema?.type === "integer" && !/^\d+$/.test(actual[i] ?? "")) return `path parameter ${segment} must be an integer`;
  }
  return null;
}

function matchSegments(template: string[], actual: string[]): boolean {
  return template.length === actual.length && template.every((s, i) => isParam(s) || s === actual[i]);
}

/** Segments without Zendesk's optional `.json` suffix (node-zendesk adds it; the specs mostly omit it). */
function splitPath(path: string): string[] {
  return path.replace(/\.json$/, "").split("/").filter(Boolean).map(decodeURIComponent);
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
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
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
