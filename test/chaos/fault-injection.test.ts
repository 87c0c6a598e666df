/**
 * Fault injection under load: Redis is killed and restarted, and the server is killed with SIGKILL
 * three times and restarted, while virtual candidates answer interviews. Afterwards every
 * acknowledged answer is in its transcript exactly once, no refused answer is, and every request
 * sent during the Redis outage was answered within 2 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, RedisProcess, ServerProcess } from './processes.ts';

const USERS = Number(process.env.CHAOS_USERS ?? 6);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  sessionId: string;
  text: string;
}

let redis: RedisProcess | undefined;
let server: ServerProcess | undefined;
let dir: string | undefined;
afterAll(async () => {
  await server?.kill();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fault injection', () => {
  it('loses no acknowledged answer and records no refused one through a Redis outage and three SIGKILLs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-chaos-'));
    redis = new RedisProcess(await freePort(), dir);
    await redis.start();
    server = new ServerProcess(await freePort(), { STORE_URL: redis.url, RATE_LIMIT_PER_MINUTE: '1000000' });
    await server.start();
    const base = server.url;

    const acked: Outcome[] = [];
    const refused: Outcome[] = [];
    const outageLatencies: number[] = [];
    let outage = false;
    let stop = false;

    async function call(path: string, body: unknown): Promise<{ status: number; json: Record<string, any> } | 'network'> {
      const inOutage = outage;
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
        const json = (await res.json()) as Record<string, any>;
        if (inOutage && outage) outageLatencies.push(performance.now() - t0);
        return { status: res.status, json };
      } catch {
        if (inOutage && outage) outageLatencies.push(Infinity); // no answer at all during the outage
        return 'network';
      }
    }

    async function candidate(u: number): Promise<void> {
      // Odd candidates give up on an answer that was refused and type a new one; even ones resend it.
      const abandons = u % 2 === 1;
      let session: string | undefined;
      let n = 0;
      let unknownOutcome = false;
      while (!stop) {
        if (!session) {
          const r = await call('/api/interview/screening/start', { user_id: `chaos-${u}` });
          if (r !== 'network' && r.status === 200) session = r.json.session_id as string;
          else await sleep(100);
          continue;
        }
        const text = `Answer ${u}-${n}: I cut our deploy time by 30 percent by moving builds to a cache, measured over six weeks.`;
        const r = await call('/api/interview/screening/respond', { session_id: session, user_response: text, turn_id: `${u}-${n}` });
        if (r === 'network') {
          unknownOutcome = true; // it may have been recorded: only the same turn id may follow
          await sleep(100);
          continue;
        }
        if (r.status === 200) {
          acked.push({ sessionId: session, text });
          n++;
          unknownOutcome = false;
          if (r.json.is_complete) session = undefined;
          continue;
        }
        if (r.status === 409 || r.status === 404) {
          session = undefined;
          continue;
        }
        if (abandons && !unknownOutcome) {
          refused.push({ sessionId: session, text });
          n++;
        }
        await sleep(Math.min(200, Number(r.json.retry_after ?? 100)));
      }
    }

    const load = Array.from({ length: USERS }, (_, u) => candidate(u));
    await sleep(1500);

    // Redis dies mid-load and comes back 2.5 s later.
    outage = true;
    redis.kill();
    await sleep(2500);
    await redis.start();
    await sleep(500);
    outage = false;
    await sleep(1000);

    // The server is killed with SIGKILL three times, each time restarted on the same port.
    for (let k = 0; k < 3; k++) {
      await server.kill();
      await server.start();
      await sleep(1500);
    }
    stop = true;
    await Promise.all(load);

    expect(acked.length).toBeGreaterThan(USERS * 3);
    const transcripts = new Map<string, string[]>();
    for (const id of new Set([...acked, ...refused].map((o) => o.sessionId))) {
      const res = await fetch(`${base}/api/interview/session/${id}`);
      expect(res.status).toBe(200);
      const s = (await res.json()) as { transcript: { role: string; text: string }[] };
      transcripts.set(id, s.transcript.filter((t) => t.role === 'candidate').map((t) => t.text));
    }
    const count = (o: Outcome) => transcripts.get(o.sessionId)!.filter((t) => t === o.text).length;
    const lost = acked.filter((o) => count(o) !== 1);
    const recordedRefusals = refused.filter((o) => count(o) !== 0);
    const slow = outageLatencies.filter((ms) => ms >= 2000);
    console.log(
      `chaos: ${acked.length} acknowledged answers, ${lost.length} lost or doubled; ${refused.length} refused, ${recordedRefusals.length} recorded; ` +
        `${outageLatencies.length} requests during the Redis outage, slowest ${Math.round(Math.max(0, ...outageLatencies.filter(Number.isFinite)))} ms, ${slow.length} over 2 s`,
    );
    expect(lost).toEqual([]);
    expect(recordedRefusals).toEqual([]);
    expect(outageLatencies.length).toBeGreaterThan(0);
    expect(slow).toEqual([]);
  }, 120_000);
});
