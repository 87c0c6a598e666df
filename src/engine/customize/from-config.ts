import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { GpuHealth } from '../../gpu/health.ts';
import { DocumentError, formatBytes } from '../docs/errors.ts';
import { parseDocument } from '../docs/parse.ts';
import type { DocumentKind, ParsedDocument } from '../docs/types.ts';
import type { CustomPlanner } from '../engine.ts';
import { UserError } from '../errors.ts';
import type { KeyValueStore } from '../store/kv.ts';
import { openStore } from '../store/open-store.ts';
import { SessionStore } from '../store/session-store.ts';
import { DocumentService } from './document-service.ts';
import { embedderSource, type GpuEmbeddingSignal } from './embedders.ts';
import type { PlanModel } from './model-plan.ts';
import { createCustomPlanner } from './planner.ts';

export interface Customize {
  customPlanner: CustomPlanner;
  documents: DocumentService;
  /** The terminal's --doc/--jd files: all read and checked before any is stored; a bad one is a UserError (exit 2). */
  ingestCliDocuments(userKey: string, docs: string[], jd?: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Documents and the customize planner from config. Documents live in the session store
 * (`kv`, or one opened on STORE_URL: with SQLite or Redis that is the same data the engine
 * sees, so forgetting a user deletes them too).
 */
export async function buildCustomize(config: Config, logger: Logger, o: { kv?: KeyValueStore; llm?: PlanModel; gpu?: GpuEmbeddingSignal; bankDir?: string } = {}): Promise<Customize> {
  const ownKv = o.kv ? null : await openStore(config.STORE_URL);
  const store = new SessionStore(o.kv ?? ownKv!);
  const documents = new DocumentService({ store, logger, maxBytes: config.MAX_UPLOAD_BYTES, maxPages: config.MAX_DOC_PAGES });
  const gpu =
    o.gpu ??
    (config.GPU_SERVER_URL && config.EMBEDDINGS_MODEL
      ? new GpuHealth({ url: config.GPU_SERVER_URL, apiKey: config.GPU_SERVER_API_KEY, intervalMs: config.GPU_HEALTH_INTERVAL_MS, embeddingsModel: config.EMBEDDINGS_MODEL, logger })
      : undefined);
  const customPlanner = createCustomPlanner({
    documents,
    logger,
    embedder: embedderSource(config, gpu, { staleMs: config.GPU_HEALTH_INTERVAL_MS }),
    // The engine allows a plan three turn deadlines; the model gets all but two seconds of that
    // (retrieval before it, the rules after it take milliseconds).
    modelDeadlineMs: Math.max(1000, config.LLM_TURN_DEADLINE_MS * 3 - 2000),
    ...(o.llm ? { llm: o.llm } : {}),
    ...(o.bankDir ? { bankDir: o.bankDir } : {}),
  });

  async function readOne(path: string, flag: string, kind: DocumentKind): Promise<ParsedDocument> {
    const name = basename(path);
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new UserError('bad_document', `${flag} ${path}: not a file.`);
      if (info.size > config.MAX_UPLOAD_BYTES) throw new UserError('bad_document', `${flag} ${name}: that file is ${formatBytes(info.size)}; the limit is ${formatBytes(config.MAX_UPLOAD_BYTES)}.`);
      return await parseDocument({ bytes: new Uint8Array(await readFile(path)), filename: name, kind }, { maxBytes: config.MAX_UPLOAD_BYTES, maxPages: config.MAX_DOC_PAGES });
    } catch (err) {
      if (err instanceof UserError) throw err;
      if (err instanceof DocumentError) throw new UserError('bad_document', `${flag} ${name}: ${err.message}`);
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT') throw new UserError('bad_document', `${flag} ${path}: no such file.`);
      if (code === 'EACCES' || code === 'EPERM') throw new UserError('bad_document', `${flag} ${path}: permission denied.`);
      throw err;
    }
  }

  return {
    customPlanner,
    documents,
    async ingestCliDocuments(userKey, docs, jd) {
      const parsed: ParsedDocument[] = [];
      for (const p of docs) parsed.push(await readOne(p, '--doc', 'resume'));
      if (jd) parsed.push(await readOne(jd, '--jd', 'job-description'));
      const ids: string[] = [];
      for (const d of parsed) ids.push((await documents.ingestParsed(userKey, d)).id);
      return ids;
    },
    close: async () => {
      await ownKv?.close();
    },
  };
}
