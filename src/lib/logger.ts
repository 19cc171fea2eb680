/**
 * JSON-line logger. Log ids, outcomes, reasons and timings; never message bodies, emails or tokens.
 * As a safety net, fields whose names suggest content or credentials are replaced with "[redacted]".
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (delivery id, ticket id, ...) to every line. */
  child(fields: LogFields): Logger;
}

export type LogSink = (line: string, level: LogLevel) => void;

const REDACTED_KEY = /^(body|html_?body|plain_?body|text|content|comment)$|email|token|secret|password|authorization/i;

export function createLogger(base: LogFields = {}, sink: LogSink = consoleSink): Logger {
  const write = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const line = { level, msg, time: new Date().toISOString(), ...redact(base), ...redact(fields) };
    sink(JSON.stringify(line, errorReplacer), level);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}

function consoleSink(line: string, level: LogLevel): void {
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = REDACTED_KEY.test(key) && value !== undefined ? "[redacted]" : value;
  }
  return out;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}

/** A logger that keeps lines in memory; used by tests and the local demo. */
export function createMemoryLogger(): { logger: Logger; lines: LogFields[] } {
  const lines: LogFields[] = [];
  const logger = createLogger({}, (line) => lines.push(JSON.parse(line) as LogFields));
  return { logger, lines };
}
