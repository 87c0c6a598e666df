/**
 * Documents and retrieval benchmark: `node bench/docs.ts`.
 *
 *  - ingest: parse a 5-page PDF resume, chunk it, extract facts, build a lexical index
 *    (cold = first run in the process, including PDF.js start-up; warm = median of later runs).
 *  - retrieval over 1,000 chunks: p50/p99 per query, lexical and hybrid. Hybrid uses an in-process
 *    hashing embedder (384 dimensions) so the figure is the index's own cost (cosine over all
 *    chunks + fusion), not a network round trip to an embedding service.
 *  - customize plan: ten personal questions from the fixture resume and job description by the
 *    built-in rules (no model): facts, chunking, lexical index, retrieval for duty matches, bank fill.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import pino from 'pino';
import { createCustomPlanner } from '../src/engine/customize/planner.ts';
import { chunkDocument } from '../src/engine/docs/chunk.ts';
import { extractProfile } from '../src/engine/docs/profile.ts';
import { parseDocument, parsedFromText } from '../src/engine/docs/parse.ts';
import type { Chunk } from '../src/engine/docs/types.ts';
import type { Embedder } from '../src/engine/rag/embedder.ts';
import { HybridIndex } from '../src/engine/rag/hybrid-index.ts';

export interface DocsBenchResult {
  pdfBytes: number;
  pdfPages: number;
  ingestColdMs: number;
  ingestWarmP50Ms: number;
  ingestBreakdownMs: { parse: number; chunk: number; extract: number; index: number };
  retrievalChunks: number;
  lexicalP50Ms: number;
  lexicalP99Ms: number;
  hybridP50Ms: number;
  hybridP99Ms: number;
  hybridBuildMs: number;
  /** Ten-question customize plan by the rules (resume + job description, no model). */
  planColdMs: number;
  planP50Ms: number;
  planP99Ms: number;
}

const RESUME = readFileSync(new URL('../test/fixtures/docs/priya-raman-resume.txt', import.meta.url), 'utf8').trimEnd().split('\n');

const VERBS = ['Built', 'Designed', 'Led', 'Migrated', 'Scaled', 'Rewrote', 'Automated', 'Owned', 'Shipped', 'Reduced'];
const THINGS = ['the settlement pipeline', 'a fraud-scoring service', 'the billing API', 'our Kafka consumers', 'the Redis cache layer', 'PostgreSQL replicas', 'the Kubernetes rollout', 'Terraform modules', 'the gRPC gateway', 'on-call runbooks'];
const RESULTS = ['cutting p95 latency by 35%', 'serving 3M monthly users', 'saving $40K a year', 'with zero downtime', 'halving deploy time', 'for 12 banking partners'];

function bullet(i: number): string {
  return `- ${VERBS[i % VERBS.length]} ${THINGS[(i * 7) % THINGS.length]} in ${['Go', 'Java', 'Python', 'TypeScript'][i % 4]}, ${RESULTS[(i * 3) % RESULTS.length]}.`;
}

/** Five pages: the fixture resume followed by extra (invented, bench-only) experience entries. */
async function fivePageResume(): Promise<Uint8Array> {
  const lines = [...RESUME];
  for (let r = 0; lines.length < 5 * 48; r++) {
    lines.push('', `Software Engineer — Company ${r + 1}, Remote (Jan ${2000 + (r % 20)} – Dec ${2001 + (r % 20)})`);
    for (let b = 0; b < 5; b++) lines.push(bullet(r * 5 + b));
  }
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 5; p++) {
    const page = doc.addPage([612, 792]);
    lines.slice(p * 48, (p + 1) * 48).forEach((line, i) => {
      if (line) page.drawText(line, { x: 48, y: 750 - i * 14.5, size: 9.5, font });
    });
  }
  return doc.save();
}

async function ingest(bytes: Uint8Array): Promise<{ total: number; parse: number; chunk: number; extract: number; index: number; pages: number }> {
  const t0 = performance.now();
  const doc = await parseDocument({ bytes, filename: 'resume.pdf', kind: 'resume' });
  const t1 = performance.now();
  const chunks = chunkDocument(doc);
  const t2 = performance.now();
  extractProfile(doc);
  const t3 = performance.now();
  await HybridIndex.build(chunks);
  const t4 = performance.now();
  return { total: t4 - t0, parse: t1 - t0, chunk: t2 - t1, extract: t3 - t2, index: t4 - t3, pages: doc.pages ?? 0 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Feature-hashing embedder: deterministic, in-process, no model. Stands in for a real one. */
class HashingEmbedder implements Embedder {
  readonly name = 'hashing-384';
  readonly dimensions = 384;
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => {
      const v = new Float32Array(this.dimensions);
      for (const w of t.toLowerCase().split(/[^a-z0-9+#]+/)) {
        if (!w) continue;
        let h = 2166136261;
        for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
        v[(h >>> 0) % this.dimensions]! += 1;
      }
      return v;
    });
  }
}

function syntheticChunks(n: number): Chunk[] {
  return Array.from({ length: n }, (_, i) => {
    const text = [bullet(i), bullet(i + 3), bullet(i + 11)].join('\n');
    return { id: `bench#${i}`, docId: 'bench', source: 'bench.pdf', kind: i % 5 === 0 ? 'job-description' : 'resume', index: i, lineStart: i * 3 + 1, lineEnd: i * 3 + 3, text };
  });
}

const QUERIES = [
  'Tell me about the settlement pipeline',
  'How did you reduce latency?',
  'Kafka consumers in Go',
  'Kubernetes rollout and Terraform',
  'fraud scoring service design',
  'What did you do to cut deploy time',
  'PostgreSQL replicas zero downtime',
  'gRPC gateway in TypeScript',
  'k8s experience',
  'billing API at scale for banking partners',
];

async function timeQueries(run: (q: string) => Promise<unknown> | unknown, rounds: number): Promise<number[]> {
  for (const q of QUERIES) await run(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await run(q);
      times.push(performance.now() - t);
    }
  }
  return times.sort((a, b) => a - b);
}

export async function runDocsBench(): Promise<DocsBenchResult> {
  const pdf = await fivePageResume();
  const cold = await ingest(pdf);
  const warm: Awaited<ReturnType<typeof ingest>>[] = [];
  for (let i = 0; i < 15; i++) warm.push(await ingest(pdf));
  const byTotal = [...warm].sort((a, b) => a.total - b.total);
  const median = byTotal[Math.floor(byTotal.length / 2)]!;

  const chunks = syntheticChunks(1000);
  const lexical = await HybridIndex.build(chunks);
  const lexTimes = await timeQueries((q) => lexical.search(q, 5), 50);
  const tb = performance.now();
  const hybrid = await HybridIndex.build(chunks, { embedder: new HashingEmbedder() });
  const hybridBuildMs = performance.now() - tb;
  if (hybrid.mode !== 'hybrid') throw new Error(`hybrid index degraded: ${hybrid.degradedReason}`);
  const hybTimes = await timeQueries((q) => hybrid.search(q, 5), 50);
  const plan = await timePlans(40);

  return {
    pdfBytes: pdf.length,
    pdfPages: cold.pages,
    ingestColdMs: cold.total,
    ingestWarmP50Ms: median.total,
    ingestBreakdownMs: { parse: median.parse, chunk: median.chunk, extract: median.extract, index: median.index },
    retrievalChunks: chunks.length,
    lexicalP50Ms: percentile(lexTimes, 50),
    lexicalP99Ms: percentile(lexTimes, 99),
    hybridP50Ms: percentile(hybTimes, 50),
    hybridP99Ms: percentile(hybTimes, 99),
    hybridBuildMs,
    planColdMs: plan.cold,
    planP50Ms: percentile(plan.times, 50),
    planP99Ms: percentile(plan.times, 99),
  };
}

/** Builds the rule-based customize plan `rounds` times (after one cold run) over the fixture documents. */
async function timePlans(rounds: number): Promise<{ cold: number; times: number[] }> {
  const resume = parsedFromText(RESUME.join('\n'), { filename: 'resume.txt', kind: 'resume' });
  const jd = parsedFromText(readFileSync(new URL('../test/fixtures/docs/northwind-senior-backend-jd.txt', import.meta.url), 'utf8'), { filename: 'jd.txt', kind: 'job-description' });
  const docs = [resume, jd];
  const planner = createCustomPlanner({ documents: { load: async () => docs }, logger: pino({ level: 'silent' }) });
  const session = { id: 'bench', userKey: 'bench', role: 'software engineer', track: 'general', level: 'mid', seed: 1, type: 'customize' } as Parameters<typeof planner>[0]['session'];
  const once = async () => {
    const t = performance.now();
    const res = await planner({ session, documentIds: [resume.id, jd.id], signal: AbortSignal.timeout(30_000) });
    if (res?.plan.length !== 10) throw new Error('plan did not have 10 questions');
    return performance.now() - t;
  };
  const cold = await once();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(await once());
  return { cold, times: times.sort((a, b) => a - b) };
}

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runDocsBench();
  console.log(`documents bench (node ${process.version})`);
  console.log(`  ingest ${r.pdfPages}-page PDF (${Math.round(r.pdfBytes / 1024)} KB): cold ${fmt(r.ingestColdMs)}, warm p50 ${fmt(r.ingestWarmP50Ms)} (aim < 300 ms)`);
  const b = r.ingestBreakdownMs;
  console.log(`    parse ${fmt(b.parse)} | chunk ${fmt(b.chunk)} | extract facts ${fmt(b.extract)} | index ${fmt(b.index)}`);
  console.log(`  retrieval over ${r.retrievalChunks} chunks, top 5 (aim p50 < 5 ms):`);
  console.log(`    lexical  p50 ${fmt(r.lexicalP50Ms)}  p99 ${fmt(r.lexicalP99Ms)}`);
  console.log(`    hybrid   p50 ${fmt(r.hybridP50Ms)}  p99 ${fmt(r.hybridP99Ms)}  (in-process 384-d embedder; index build ${fmt(r.hybridBuildMs)})`);
  console.log(`  customize plan, 10 questions by the rules (resume + job description, no model): cold ${fmt(r.planColdMs)}, p50 ${fmt(r.planP50Ms)}, p99 ${fmt(r.planP99Ms)}`);
}
