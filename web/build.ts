/**
 * Bundles the browser panel (web/) into web/dist with esbuild: one ES module entry plus a
 * lazily loaded chunk for hands-free voice detection, and the panel's stylesheet.
 * Run by scripts/install.sh (so `make try/start/test` find it) and, when dist is missing, by
 * the server on its first /interview request.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');
const STAMP = join(DIST_DIR, '.built');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than any source file. */
export function panelBuildStale(): boolean {
  try {
    return statSync(STAMP).mtimeMs < newestSource(WEB_DIR);
  } catch {
    return true;
  }
}

/**
 * The voice detector imports the full ONNX Runtime (WebGL, WebGPU...) in one place and the
 * WASM-only build in another; the WASM build is all it uses, so both resolve to it (a third of the size).
 */
const wasmOnlyOrt: Plugin = {
  name: 'wasm-only-onnxruntime',
  setup(b) {
    b.onResolve({ filter: /^onnxruntime-web$/ }, () => ({ path: join(WEB_DIR, '..', 'node_modules', 'onnxruntime-web', 'dist', 'ort.wasm.min.js') }));
  },
};

export async function buildPanel(opts: { minify?: boolean } = {}): Promise<{ files: string[] }> {
  const esbuild = await import('esbuild');
  rmSync(DIST_DIR, { recursive: true, force: true });
  mkdirSync(DIST_DIR, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { panel: join(WEB_DIR, 'main.tsx') },
    outdir: DIST_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: opts.minify ?? true,
    sourcemap: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    chunkNames: 'chunk-[hash]',
    loader: { '.css': 'css' },
    logLevel: 'warning',
    metafile: true,
    legalComments: 'none',
    plugins: [wasmOnlyOrt],
  });
  // Gzipped copies beside each file, served to browsers that accept gzip (no compression per request).
  for (const out of Object.keys(result.metafile.outputs)) writeFileSync(`${out}.gz`, gzipSync(readFileSync(out), { level: 9 }));
  writeFileSync(STAMP, new Date().toISOString());
  return { files: Object.keys(result.metafile.outputs) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  if (force || panelBuildStale()) {
    const { files } = await buildPanel();
    process.stderr.write(`web: built ${files.length} files into web/dist\n`);
  }
}
