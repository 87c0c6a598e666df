import type { InterviewEngine } from '../engine/engine.ts';
import type { InterviewType } from '../engine/types.ts';

export interface SessionMeta {
  type: InterviewType;
  key: string;
}

/**
 * A session's type and place key never change, so the respond route checks them from this
 * small LRU instead of loading the whole session a second time on every turn (the engine
 * loads it anyway). A miss (another replica started it, or it was evicted) reads the store.
 */
export class SessionMetaCache {
  private readonly map = new Map<string, SessionMeta>();
  private readonly engine: InterviewEngine;
  private readonly max: number;

  constructor(engine: InterviewEngine, max = 10_000) {
    this.engine = engine;
    this.max = max;
  }

  remember(id: string, meta: SessionMeta): void {
    this.map.delete(id);
    this.map.set(id, meta);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  async get(id: string): Promise<SessionMeta | undefined> {
    const hit = this.map.get(id);
    if (hit) {
      this.remember(id, hit);
      return hit;
    }
    const s = await this.engine.getById(id);
    if (!s) return undefined;
    const meta = { type: s.type, key: s.key };
    this.remember(id, meta);
    return meta;
  }
}
