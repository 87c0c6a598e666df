import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
}
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as { services: Record<string, Service> };
/** `${VAR:-default}` as compose resolves it with VAR unset. */
const resolved = (s: string) => s.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 unless BIND_ADDRESS says otherwise', () => {
    const ports = Object.entries(compose.services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, resolved(p)] as const));
    expect(ports.length).toBeGreaterThanOrEqual(2);
    for (const [name, p] of ports) expect(p, name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it('pins every pulled image to a version, never latest', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (!s.image || s.build) continue;
      const image = resolved(s.image);
      const tag = image.split(':').at(-1)!;
      expect(image, name).toContain(':');
      expect(tag, name).not.toMatch(/latest/);
      expect(tag, name).toMatch(/^\d+\.\d+(\.\d+)?/);
    }
  });
});
