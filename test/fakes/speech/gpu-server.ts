/**
 * A fake self-hosted speech server on 127.0.0.1 speaking the OpenAI audio API the way
 * speaches / openedai-speech do:
 *   POST /v1/audio/transcriptions  multipart (file, model, language, prompt, response_format) -> {"text"}
 *                                  (verbose_json: with "segments", carrying no_speech_prob and avg_logprob)
 *   POST /v1/audio/speech          JSON {model, voice, input, response_format} -> Ogg/Opus or WAV bytes
 *   GET  /health, GET /v1/models
 * It records every request (the uploaded file's bytes included) and can be scripted to
 * fail, stall or reset per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { espeakWav, oggOpusOf } from './tts-audio.ts';

export type Step =
  | { status: number; body?: unknown; retryAfter?: string }
  | { delayMs: number }
  | { hang: true }
  | { reset: true };

export type Route = 'transcriptions' | 'speech' | 'health';

export interface WavInfo {
  riff: boolean;
  wave: boolean;
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationS: number;
}

export interface RecordedTranscription {
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: Buffer };
  /** Parsed from the raw header bytes when the upload is RIFF. */
  wav?: WavInfo;
  authorization: string | undefined;
}

export interface RecordedSpeech {
  body: { model?: string; voice?: string; input?: string; response_format?: string; language?: string };
  authorization: string | undefined;
  startedAt: number;
  finishedAt?: number;
}

/** A scripted transcription; segments override the per-segment probabilities of verbose_json. */
export interface FakeTranscript {
  text: string;
  segments?: { text: string; no_speech_prob?: number; avg_logprob?: number }[];
}

export class FakeSpeechServer {
  readonly transcriptions: RecordedTranscription[] = [];
  readonly speechRequests: RecordedSpeech[] = [];
  /** Requests per route, scripted ones included. */
  readonly hits: Record<Route, number> = { transcriptions: 0, speech: 0, health: 0 };
  /** 'ok': 200; 'error': 503; 'missing': 404 (server without /health, answers /v1/models). */
  health: 'ok' | 'error' | 'missing' = 'ok';
  models = ['Systran/faster-distil-whisper-small.en', 'tts-1-hd', 'nomic-embed-text'];
  transcript: string | ((rec: RecordedTranscription) => string | FakeTranscript) = (rec) => `heard ${rec.wav ? rec.wav.durationS.toFixed(2) : '?'} seconds`;
  /** Extra delay per synthesis request, e.g. to make later sentences slower than the first. */
  speechDelayMs: (input: string) => number = () => 0;
  private readonly scripts: Record<Route, Step[]> = { transcriptions: [], speech: [], health: [] };
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Queues behaviours for the next requests to a route; after they are used up, it answers normally. */
  script(route: Route, ...steps: Step[]): void {
    this.scripts[route].push(...steps);
  }

  async start(port = this.port): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Closes the listener and drops open connections (stalled requests included): the server is gone. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const route: Route | null = req.method === 'POST' && url.pathname === '/v1/audio/transcriptions' ? 'transcriptions' : req.method === 'POST' && url.pathname === '/v1/audio/speech' ? 'speech' : url.pathname === '/health' ? 'health' : null;
    if (route) this.hits[route]++;
    const step = route ? this.scripts[route].shift() : undefined;
    if (step && 'hang' in step) return; // never answers; stop() drops it
    if (step && 'reset' in step) {
      req.socket.destroy();
      return;
    }
    if (step && 'delayMs' in step) await sleep(step.delayMs);
    if (step && 'status' in step) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (step.retryAfter !== undefined) headers['retry-after'] = step.retryAfter;
      res.writeHead(step.status, headers).end(JSON.stringify(step.body ?? { error: { message: `scripted ${step.status}`, type: 'server_error' } }));
      return;
    }

    if (route === 'health') {
      if (this.health === 'missing') return json(res, 404, { detail: 'Not Found' });
      return this.health === 'ok' ? void res.writeHead(200, { 'content-type': 'text/plain' }).end('OK') : json(res, 503, { status: 'unhealthy' });
    }
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      return json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', owned_by: 'fake' })) });
    }
    if (route === 'transcriptions') return this.transcribe(req, res, body);
    if (route === 'speech') return this.speech(req, res, body);
    json(res, 404, { error: { message: `no route ${req.method} ${url.pathname}` } });
  }

  private async transcribe(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body }).formData();
    const fields: Record<string, string> = {};
    let file: RecordedTranscription['file'] | undefined;
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') fields[k] = v;
      else file = { name: v.name, type: v.type, bytes: Buffer.from(await v.arrayBuffer()) };
    }
    if (!file) return json(res, 400, { error: { message: 'file is required' } });
    if (!fields.model) return json(res, 400, { error: { message: 'model is required' } });
    const rec: RecordedTranscription = { fields, file, authorization: req.headers.authorization };
    const info = wavInfo(file.bytes);
    if (info) rec.wav = info;
    this.transcriptions.push(rec);
    const out = typeof this.transcript === 'string' ? this.transcript : this.transcript(rec);
    const t: FakeTranscript = typeof out === 'string' ? { text: out } : out;
    if (fields.response_format !== 'verbose_json') return json(res, 200, { text: t.text });
    // Like faster-whisper: one segment per sentence unless the script gives them.
    const segments = (t.segments ?? [{ text: t.text }]).map((sg, id) => ({ id, seek: 0, start: 0, end: rec.wav?.durationS ?? 0, tokens: [], temperature: 0, compression_ratio: 1, avg_logprob: -0.25, no_speech_prob: 0.02, ...sg }));
    json(res, 200, { task: 'transcribe', language: 'en', duration: rec.wav?.durationS ?? 0, text: t.text, segments });
  }

  private async speech(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    let parsed: RecordedSpeech['body'];
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return json(res, 400, { error: { message: 'body must be JSON' } });
    }
    const rec: RecordedSpeech = { body: parsed, authorization: req.headers.authorization, startedAt: Date.now() };
    this.speechRequests.push(rec);
    if (!parsed.input || !parsed.voice || !parsed.model) return json(res, 400, { error: { message: 'model, voice and input are required' } });
    const delay = this.speechDelayMs(parsed.input);
    if (delay > 0) await sleep(delay);
    const format = parsed.response_format ?? 'mp3';
    let audio: Buffer;
    let type: string;
    if (format === 'opus') [audio, type] = [await oggOpusOf(parsed.input), 'audio/ogg'];
    else if (format === 'wav') [audio, type] = [await espeakWav(parsed.input), 'audio/wav'];
    else return json(res, 400, { error: { message: `response_format ${format} is not supported by this fake` } });
    rec.finishedAt = Date.now();
    res.writeHead(200, { 'content-type': type, 'content-length': String(audio.length) }).end(audio);
  }
}

/** Reads a RIFF/WAVE header straight from the bytes (independent of the code under test). */
export function wavInfo(b: Buffer): WavInfo | undefined {
  if (b.length < 44 || b.toString('latin1', 0, 4) !== 'RIFF') return undefined;
  let pos = 12;
  let fmt: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  while (pos + 8 <= b.length) {
    const id = b.toString('latin1', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    if (id === 'fmt ') fmt = { audioFormat: b.readUInt16LE(pos + 8), channels: b.readUInt16LE(pos + 10), sampleRate: b.readUInt32LE(pos + 12), bitsPerSample: b.readUInt16LE(pos + 22) };
    if (id === 'data' && fmt) {
      return { riff: true, wave: b.toString('latin1', 8, 12) === 'WAVE', ...fmt, dataBytes: size, durationS: size / (fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8)) };
    }
    pos += 8 + size + (size & 1);
  }
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
