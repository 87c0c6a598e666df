import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** This process's start, unique even when a restarted container gets the same pid and hostname. */
const BOOT_ID = randomUUID().slice(0, 8);
const HOST = hostname().replace(/[|]/g, '');

/** A lock token that names its owner: `host|pid|boot|random`. */
export function ownedToken(): string {
  return `${HOST}|${process.pid}|${BOOT_ID}|${randomUUID()}`;
}

/**
 * Whether a lock's owner is provably gone: it was taken on this host by a process that no longer
 * runs (or by an earlier start of this very pid, as after a container restart). A lock from another
 * host, or from a live process, is never judged stale here; its short expiry covers those.
 */
export function ownerIsGone(token: string): boolean {
  const [host, pidText, boot] = token.split('|');
  if (host !== HOST || !pidText || !boot) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return boot !== BOOT_ID;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'ESRCH';
  }
}
