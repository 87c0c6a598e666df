import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentErrorCode, DocumentError } from './errors.ts';
import type { DocumentLimits } from './limits.ts';
import type { DocumentInput, ParsedDocument } from './types.ts';

const CHILD = fileURLToPath(new URL('./parse-child.ts', import.meta.url));
/** Parses at once; more wait their turn so a burst of uploads cannot fork a process each. */
const MAX_CHILDREN = 2;
/** A parser process is retired after this many documents, or once its memory stays above half its cap. */
const MAX_USES = 50;
/** An idle parser process exits after this long, so an idle server holds no extra memory. */
const IDLE_MS = 30_000;

const TOO_BIG = 'That file needs far more memory to open than a resume or job description should, so it was not read. Please export it again as a normal PDF or Word document.';
const TOO_SLOW = 'That file took too long to read. Please export it again as a simple PDF or Word document and retry.';

type ChildReply = { id: number; ok: true; doc: ParsedDocument } | { id: number; ok: false; error: { code: DocumentErrorCode; message: string } };

interface Worker {
  child: ChildProcess;
  memMb: number;
  uses: number;
  busy: boolean;
  idle?: NodeJS.Timeout;
  /** The parse in progress: settled by a reply, or by the worker's death. */
  pending?: { id: number; settle: (r: ChildReply | DocumentError) => void };
}

const workers: Worker[] = [];
const waiting: (() => void)[] = [];
let nextId = 1;

/** Resident memory of a process in bytes (Linux); undefined where /proc is unavailable. */
function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function spawnWorker(memMb: number): Worker {
  const child = fork(CHILD, [], {
    execArgv: [`--max-old-space-size=${Math.max(64, Math.floor(memMb * 0.75))}`, '--disable-warning=ExperimentalWarning'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { NODE_ENV: process.env.NODE_ENV ?? 'production', PATH: process.env.PATH ?? '' },
  });
  const w: Worker = { child, memMb, uses: 0, busy: false };
  child.on('message', (msg: ChildReply) => {
    if (w.pending?.id === msg.id) w.pending.settle(msg);
  });
  child.on('exit', (code, signal) => {
    retire(w);
    // Exiting mid-parse: the V8 heap cap (an out-of-memory abort) or a crash in a decoder.
    const oom = signal === 'SIGABRT' || code === 134;
    w.pending?.settle(new DocumentError(oom ? 'zip_bomb' : 'corrupt', oom ? TOO_BIG : 'That file could not be read. It may be damaged; please save it again and retry.'));
  });
  child.on('error', () => retire(w));
  workers.push(w);
  return w;
}

function retire(w: Worker): void {
  const i = workers.indexOf(w);
  if (i >= 0) workers.splice(i, 1);
  clearTimeout(w.idle);
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  waiting.shift()?.();
}

/** An idle worker with the right cap, a new one if there is room, or wait for one to free up. */
async function acquire(memMb: number): Promise<Worker> {
  for (;;) {
    const free = workers.find((x) => !x.busy && x.memMb === memMb);
    if (free) {
      clearTimeout(free.idle);
      free.busy = true;
      return free;
    }
    const stale = workers.find((x) => !x.busy);
    if (stale && workers.length >= MAX_CHILDREN) retire(stale);
    if (workers.length < MAX_CHILDREN) {
      const w = spawnWorker(memMb);
      w.busy = true;
      return w;
    }
    await new Promise<void>((r) => waiting.push(r));
  }
}

function release(w: Worker): void {
  w.busy = false;
  const rss = w.child.pid ? rssOf(w.child.pid) : undefined;
  if (w.uses >= MAX_USES || (rss !== undefined && rss > (w.memMb * 1024 * 1024) / 2)) {
    retire(w);
    return;
  }
  // An idle worker must not keep the parent process alive.
  w.child.unref();
  (w.child.channel as { unref?: () => void } | undefined)?.unref?.();
  w.idle = setTimeout(() => retire(w), IDLE_MS);
  w.idle.unref();
  waiting.shift()?.();
}

/**
 * Parses a PDF or DOCX in a child process with a V8 heap cap, a resident-memory cap (checked
 * every 20 ms; ArrayBuffers live outside the heap) and a hard kill at the deadline.
 */
export async function isolatedParse(input: DocumentInput, lim: DocumentLimits): Promise<ParsedDocument> {
  const w = await acquire(lim.maxWorkerMemoryMb);
  w.child.ref();
  (w.child.channel as { ref?: () => void } | undefined)?.ref?.();
  w.uses++;
  const id = nextId++;
  let killed = false;
  const result = await new Promise<ChildReply | DocumentError>((settle) => {
    const finish = (r: ChildReply | DocumentError) => {
      clearTimeout(deadline);
      clearInterval(watch);
      w.pending = undefined;
      settle(r);
    };
    const deadline = setTimeout(() => {
      killed = true;
      finish(new DocumentError('corrupt', TOO_SLOW));
    }, lim.timeoutMs);
    const watch = setInterval(() => {
      const rss = w.child.pid ? rssOf(w.child.pid) : undefined;
      if (rss !== undefined && rss > w.memMb * 1024 * 1024) {
        killed = true;
        finish(new DocumentError('zip_bomb', TOO_BIG));
      }
    }, 20);
    w.pending = { id, settle: finish };
    w.child.send({ id, input: { ...input, bytes: new Uint8Array(input.bytes) }, limits: lim }, (err) => {
      if (err) w.pending?.settle(new DocumentError('corrupt', 'That file could not be read right now. Please try again.', { cause: err }));
    });
  });
  if (killed || result instanceof DocumentError) retire(w);
  else release(w);
  if (result instanceof DocumentError) throw result;
  if (!result.ok) throw new DocumentError(result.error.code, result.error.message);
  return result.doc;
}
