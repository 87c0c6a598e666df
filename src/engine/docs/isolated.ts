import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentErrorCode, DocumentError } from './errors.ts';
import type { DocumentLimits } from './limits.ts';
import type { DocumentInput, ParsedDocument } from './types.ts';

const CHILD = fileURLToPath(new URL('./parse-child.ts', import.meta.url));
/** Parses at once; more wait their turn so a burst of uploads cannot fork a process each. */
const MAX_CHILDREN = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_CHILDREN) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Resident memory of a process in bytes (Linux); undefined where /proc is unavailable. */
function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

type ChildReply = { ok: true; doc: ParsedDocument } | { ok: false; error: { code: DocumentErrorCode; message: string } };

/**
 * Parses a PDF or DOCX in a child process with a V8 heap cap, a resident-memory cap (checked
 * every 20 ms; ArrayBuffers live outside the heap) and a hard kill at the deadline.
 */
export async function isolatedParse(input: DocumentInput, lim: DocumentLimits): Promise<ParsedDocument> {
  const release = await slot();
  try {
    return await runChild(input, lim);
  } finally {
    release();
  }
}

function runChild(input: DocumentInput, lim: DocumentLimits): Promise<ParsedDocument> {
  const memMb = lim.maxWorkerMemoryMb;
  return new Promise<ParsedDocument>((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${Math.max(64, Math.floor(memMb * 0.75))}`, '--disable-warning=ExperimentalWarning'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { NODE_ENV: process.env.NODE_ENV ?? 'production', PATH: process.env.PATH ?? '' },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(watch);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fn();
    };
    const deadline = setTimeout(
      () => finish(() => reject(new DocumentError('corrupt', 'That file took too long to read. Please export it again as a simple PDF or Word document and retry.'))),
      lim.timeoutMs,
    );
    const watch = setInterval(() => {
      const rss = child.pid ? rssOf(child.pid) : undefined;
      if (rss !== undefined && rss > memMb * 1024 * 1024) {
        finish(() => reject(new DocumentError('zip_bomb', 'That file needs far more memory to open than a resume or job description should, so it was not read. Please export it again as a normal PDF or Word document.')));
      }
    }, 20);
    child.on('message', (msg: ChildReply) => {
      finish(() => (msg.ok ? resolve(msg.doc) : reject(new DocumentError(msg.error.code, msg.error.message))));
    });
    child.on('error', (e) => finish(() => reject(new DocumentError('corrupt', 'That file could not be read right now. Please try again.', { cause: e }))));
    child.on('exit', (code, signal) => {
      // Exiting without an answer: the V8 heap cap (an out-of-memory abort) or a crash in a decoder.
      finish(() =>
        reject(
          new DocumentError(
            signal === 'SIGABRT' || code === 134 ? 'zip_bomb' : 'corrupt',
            signal === 'SIGABRT' || code === 134
              ? 'That file needs far more memory to open than a resume or job description should, so it was not read. Please export it again as a normal PDF or Word document.'
              : 'That file could not be read. It may be damaged; please save it again and retry.',
          ),
        ),
      );
    });
    child.send({ input: { ...input, bytes: new Uint8Array(input.bytes) }, limits: lim });
  });
}
