import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyValueStore } from '../engine/store/kv.ts';

const SECRET_KEY = 'secret:user-token';
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * Per-user bearer tokens: `ut1.<user key>.<HMAC-SHA256(secret, user key)>`. A token opens only
 * its own user's dashboard, history and deletion; the server keeps no list of them. The secret is
 * USER_TOKEN_SECRET, or one generated on first use and kept in the store so every replica and
 * every restart agree on it.
 */
export class UserTokens {
  private secret: Promise<Buffer> | undefined;
  private readonly load: () => Promise<string>;

  constructor(opts: { configured?: string | undefined; kv: KeyValueStore }) {
    this.load = opts.configured ? async () => opts.configured! : () => storedSecret(opts.kv);
  }

  private key(): Promise<Buffer> {
    this.secret ??= this.load().then((s) => Buffer.from(s, 'utf8'));
    // A failed load (store down) is not remembered: the next request tries again.
    this.secret.catch(() => (this.secret = undefined));
    return this.secret;
  }

  async issue(userKey: string): Promise<string> {
    return `ut1.${b64(userKey)}.${b64(createHmac('sha256', await this.key()).update(userKey).digest())}`;
  }

  /** The user key a token was issued for, or undefined when it is not one of ours. */
  async verify(token: string): Promise<string | undefined> {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'ut1') return undefined;
    const userKey = Buffer.from(parts[1]!, 'base64url').toString('utf8');
    const given = Buffer.from(parts[2]!, 'base64url');
    const want = createHmac('sha256', await this.key()).update(userKey).digest();
    return given.length === want.length && timingSafeEqual(given, want) ? userKey : undefined;
  }
}

async function storedSecret(kv: KeyValueStore): Promise<string> {
  const have = await kv.get<string>(SECRET_KEY);
  if (have) return have;
  // Two replicas starting together may both write; the lock makes the first one win for both.
  const lock = await kv.tryLock(SECRET_KEY, 5_000);
  try {
    const again = await kv.get<string>(SECRET_KEY);
    if (again) return again;
    const fresh = randomBytes(32).toString('base64url');
    await kv.set(SECRET_KEY, fresh);
    return fresh;
  } finally {
    if (lock) await kv.unlock(SECRET_KEY, lock);
  }
}
