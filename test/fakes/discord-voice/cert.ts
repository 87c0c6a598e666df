/**
 * @discordjs/voice always opens wss:// to the voice endpoint, so the fake needs TLS: a
 * throwaway self-signed certificate for 127.0.0.1 made with openssl, and this process told
 * to trust it (tls.setDefaultCACertificates, Node 22.19+; NODE_EXTRA_CA_CERTS for a child).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

export interface TestCert {
  key: string;
  cert: string;
}

let cached: TestCert | null = null;

export function selfSignedCert(): TestCert {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'fake-voice-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    cached = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Adds the certificate to the CAs this process trusts by default (the system ones stay). */
export function trustInThisProcess(cert: string): void {
  const current = tls.getCACertificates('default');
  if (!current.includes(cert)) tls.setDefaultCACertificates([...current, cert]);
}
