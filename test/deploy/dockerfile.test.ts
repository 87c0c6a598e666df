import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SECRET_VARS } from '../../src/config.ts';

// No Docker engine runs where the tests run, so the image is checked by reading its recipe.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** Dockerfile instructions with continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!buf && (line === '' || line.startsWith('#'))) return;
    if (!buf) start = i + 1;
    if (line.startsWith('#')) return;
    buf += (buf ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (!line.endsWith('\\')) {
      const m = buf.match(/^(\S+)\s*(.*)$/)!;
      out.push({ op: m[1]!.toUpperCase(), args: m[2]!, line: start });
      buf = '';
    }
  });
  return out;
}

const dockerfile = instructions(read('Dockerfile'));
const find = (op: string) => dockerfile.filter((i) => i.op === op);
const indexOf = (pred: (i: Instruction) => boolean) => dockerfile.findIndex(pred);

describe('Dockerfile', () => {
  it('builds from a slim Node image pinned to a release the app runs on (>= 22.19)', () => {
    const from = find('FROM');
    expect(from).toHaveLength(1);
    const version = find('ARG').map((a) => a.args.match(/^NODE_VERSION=(\S+)/)?.[1]).find(Boolean);
    const image = from[0]!.args.replace('${NODE_VERSION}', version ?? '');
    // A floating tag (node:22-slim) could resolve to a release older than the app needs.
    expect(image).toMatch(/^node:\d+\.\d+\.\d+-slim$/);
    const [major, minor] = image.slice(5).split('-')[0]!.split('.').map(Number);
    expect(major! > 22 || (major === 22 && minor! >= 19)).toBe(true);
  });

  it('installs production dependencies from the lockfile before copying the source', () => {
    const copyLock = indexOf((i) => i.op === 'COPY' && /package\.json/.test(i.args) && /package-lock\.json/.test(i.args) && /\.npmrc/.test(i.args));
    const ci = indexOf((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    const copySrc = indexOf((i) => i.op === 'COPY' && /\bsrc\b/.test(i.args));
    expect(copyLock).toBeGreaterThanOrEqual(0);
    expect(ci).toBeGreaterThan(copyLock);
    expect(copySrc).toBeGreaterThan(ci);
    expect(dockerfile[ci]!.args).toContain('--omit=dev');
    expect(dockerfile.some((i) => i.op === 'RUN' && /\bnpm (install|i)\b/.test(i.args))).toBe(false);
  });

  it('copies everything the app reads at run time', () => {
    const copied = find('COPY').map((c) => c.args.replace(/--\S+/g, '').trim().split(/\s+/).slice(0, -1)).flat();
    // The question banks (src/engine/bank/load.ts) and the chart fonts (src/render/fonts.ts).
    for (const needed of ['src', 'question-banks', 'assets']) expect(copied).toContain(needed);
  });

  it('runs as an unprivileged user, exposes 8000 and starts main.ts with type stripping', () => {
    const userIdx = dockerfile.map((i) => i.op).lastIndexOf('USER');
    expect(userIdx).toBeGreaterThan(0);
    expect(dockerfile[userIdx]!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(userIdx).toBeLessThan(indexOf((i) => i.op === 'CMD'));
    expect(find('EXPOSE').map((e) => e.args)).toContain('8000');
    expect(JSON.parse(find('CMD').at(-1)!.args)).toEqual(['node', '--max-semi-space-size=8', '--disable-warning=ExperimentalWarning', 'src/main.ts']);
  });

  it('checks its health through /health with Node\'s own fetch', () => {
    const hc = find('HEALTHCHECK');
    expect(hc).toHaveLength(1);
    expect(hc[0]!.args).toMatch(/--interval=\d+s/);
    expect(hc[0]!.args).toMatch(/CMD \["node", "-e", ".*fetch\(.*\/health.*\)/);
  });

  it('ships chart fonts and bakes in no secrets', () => {
    expect(dockerfile.some((i) => i.op === 'RUN' && i.args.includes('fonts-dejavu-core') && i.args.includes('rm -rf /var/lib/apt/lists'))).toBe(true);
    for (const i of dockerfile.filter((x) => x.op === 'ENV' || x.op === 'ARG')) {
      for (const secret of SECRET_VARS) expect(i.args, `line ${i.line}`).not.toContain(secret);
    }
    expect(dockerfile.some((i) => (i.op === 'COPY' || i.op === 'ADD') && /(^|\s)(\.|\.env\S*)(\s|$)/.test(i.args.replace(/--\S+/g, '')))).toBe(false);
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local state and dependencies out of the build context', () => {
    const lines = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.env', '.git', 'node_modules', '.tools', 'data', 'test-artifacts']) expect(lines).toContain(entry);
  });
});

/** Bare package names imported at run time by src/ (type-only imports are erased and skipped). */
function runtimeImports(dir: string, acc = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) runtimeImports(p, acc);
    else if (p.endsWith('.ts')) {
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) acc.add(m[1]!);
      for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) acc.add(m[1]!);
      for (const m of text.matchAll(/createRequire\([^)]*\)(?:\.resolve)?\(\s*['"]([^'"]+)['"]/g)) acc.add(m[1]!);
    }
  }
  return acc;
}

describe('production dependencies', () => {
  it('cover every package src/ imports (npm ci --omit=dev leaves the rest out of the image)', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const missing = [...runtimeImports(join(ROOT, 'src'))]
      .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtins.has(s))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!))
      .filter((name) => !(name in pkg.dependencies));
    expect([...new Set(missing)]).toEqual([]);
  });
});

const configSource = read('src/config.ts');
const knownVar = (k: string) => new RegExp(`\\b${k}:`).test(configSource);

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as Record<string, any>;

  it('runs the bot with Redis as its store, waiting for Redis to be healthy', () => {
    const { bot, redis } = compose.services;
    expect(bot.build).toBe('.');
    expect(bot.profiles).toBeUndefined();
    expect(bot.environment.STORE_URL).toBe('redis://redis:6379');
    // Published on the API's port, on loopback unless BIND_ADDRESS says otherwise.
    expect(bot.ports).toContain('${BIND_ADDRESS:-127.0.0.1}:8000:8000');
    expect(bot.depends_on.redis.condition).toBe('service_healthy');
    // Pinned, and overridable: ${REDIS_IMAGE:-redis:<version>}.
    expect(redis.image).toMatch(/redis:\d/);
    expect(redis.healthcheck.test).toContain('ping');
    for (const k of Object.keys(bot.environment)) expect(knownVar(k), k).toBe(true);
    for (const s of SECRET_VARS) expect(bot.environment[s]).toBeUndefined();
  });

  it('offers self-hosted Whisper and XTTS behind one URL in the optional "speech" profile, on the GPU', () => {
    const { whisper, tts } = compose.services;
    const gateway = compose.services['speech-gateway'];
    for (const s of [whisper, tts, gateway]) expect(s.profiles).toEqual(['speech']);
    for (const s of [whisper, tts]) expect(s.deploy.resources.reservations.devices[0]).toMatchObject({ driver: 'nvidia', capabilities: ['gpu'] });
    const conf = compose.configs[gateway.configs[0].source].content as string;
    expect(conf).toMatch(/location \/v1\/audio\/transcriptions \{ proxy_pass http:\/\/whisper:8000; \}/);
    expect(conf).toMatch(/location \/v1\/audio\/speech \{ proxy_pass http:\/\/tts:8000;/);
  });
});

describe('render.yaml', () => {
  const blueprint = parse(read('render.yaml')) as { services: Record<string, any>[] };
  const web = blueprint.services.find((s) => s.type === 'web')!;

  it('deploys the Docker image as an always-on web service checked through /health', () => {
    // The Discord gateway and Slack Socket Mode hold an outbound connection: a free instance
    // sleeps when no HTTP request arrives, and the bots would go silent with it.
    expect(web).toMatchObject({ runtime: 'docker', dockerfilePath: './Dockerfile', healthCheckPath: '/health' });
    expect(web.plan).not.toBe('free');
  });

  it('asks for every secret in the dashboard (sync: false) and stores sessions in Render Key Value', () => {
    const vars = web.envVars as { key: string; value?: string; sync?: boolean; fromService?: { type: string; name: string; property: string } }[];
    for (const v of vars) expect(knownVar(v.key), v.key).toBe(true);
    for (const v of vars.filter((x) => (SECRET_VARS as readonly string[]).includes(x.key))) {
      expect(v.sync, v.key).toBe(false);
      expect(v.value, v.key).toBeUndefined();
    }
    for (const s of ['GEMINI_API_KEY', 'OPENAI_API_KEY', 'API_KEYS', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN']) expect(vars.map((v) => v.key)).toContain(s);
    const store = vars.find((v) => v.key === 'STORE_URL')!;
    expect(store.fromService).toMatchObject({ type: 'keyvalue', property: 'connectionString' });
    expect(blueprint.services.some((s) => s.type === 'keyvalue' && s.name === store.fromService!.name)).toBe(true);
  });
});
