import { accessSync, constants } from "node:fs";

/** Where Debian and Ubuntu put the browser; `CHROMIUM_PATH` names another one. */
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * The system chromium the browser suite drives (playwright-core downloads no browser of its own), or
 * null when none is installed. `CHROMIUM_PATH`, when set, must point at an executable.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.CHROMIUM_PATH?.trim();
  if (named) {
    if (!isExecutable(named)) throw new Error(`CHROMIUM_PATH=${named} is not an executable file; unset it or fix it`);
    return named;
  }
  return CANDIDATES.find(isExecutable) ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
