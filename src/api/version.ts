import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, read once from package.json beside src/. */
export function appVersion(): string {
  if (cached) return cached;
  try {
    cached = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0');
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
