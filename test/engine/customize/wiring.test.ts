import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { buildApp } from '../../../src/app/app.ts';
import { JD, RESUME, silent } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'customize-wiring-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('customize wiring', () => {
  test('a chat upload through the wired intake starts a personal interview; forgetting the user deletes the documents (SQLite store)', async () => {
    const config = loadConfig({ STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` });
    const rt = await buildApp(config, silent, { speech: false });
    try {
      expect(rt.conversation.documents!.maxBytes).toBe(config.MAX_UPLOAD_BYTES);
      const resume = await rt.conversation.ingest('slack:T1:U1', { bytes: enc(RESUME), filename: 'Priya Raman.txt' });
      const jd = await rt.customize!.documents.ingest('slack:T1:U1', { bytes: enc(JD), filename: 'northwind.txt' });
      expect(resume.summary).toBe('resume: 3 roles, 3 projects, 30 skills');
      expect(jd.summary.startsWith('job description: Senior Backend Engineer at Northwind Freight')).toBe(true);

      const start = await rt.engine.start({ key: 'slack:T1:C1:ts1', userKey: 'slack:T1:U1', type: 'customize', seed: 2, documentIds: [resume.id, jd.id] });
      expect(start.messages).toContain('Plan: built by the built-in rules from Priya Raman.txt and northwind.txt (retrieval: lexical — no embedding model configured).');
      const s = (await rt.engine.getById(start.sessionId))!;
      expect(s.plan).toHaveLength(10);
      expect(s.plan.every((q) => q.source.kind !== 'bank')).toBe(true);

      // The engine's store and the documents' store are the same data: forgetting the user takes both.
      expect(await rt.store.getUserRecord('slack:T1:U1', `doc:${resume.id}`)).toMatchObject({ filename: 'Priya Raman.txt' });
      await rt.engine.forget('slack:T1:U1');
      expect(await rt.store.getUserRecord('slack:T1:U1', `doc:${resume.id}`)).toBeUndefined();
      expect(await rt.store.getUserRecord('slack:T1:U1', `doc:${jd.id}`)).toBeUndefined();
      expect(await rt.store.getUserRecord('slack:T1:U1', 'docs')).toBeUndefined();
      expect(await rt.engine.getById(start.sessionId)).toBeUndefined();
    } finally {
      await rt.close();
    }
  });

  test('without documents a customize interview says so and uses role-based questions', async () => {
    const config = loadConfig({ STORE_URL: 'memory://' });
    const rt = await buildApp(config, silent, { speech: false });
    try {
      expect(await rt.customize!.ingestCliDocuments('cli:me', [], undefined)).toEqual([]);
      const start = await rt.engine.start({ key: 'cli:1', userKey: 'cli:me', type: 'customize', seed: 2 });
      expect(start.messages.some((m) => /no documents were available/.test(m))).toBe(true);
      expect(start.progress.total).toBe(10);
    } finally {
      await rt.close();
    }
  });
});
