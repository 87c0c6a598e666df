/**
 * A fake of Edge's read-aloud WebSocket (wss://speech.platform.bing.com/.../edge/v1) on
 * 127.0.0.1, speaking the wire format msedge-tts 2.x expects: it takes `speech.config`
 * and `ssml` text messages, answers `turn.start`, binary audio frames (2-byte header
 * length, headers ending in `Path:audio\r\n`, then WebM/Opus bytes) and `turn.end`.
 * msedge-tts has no URL option; point it here with
 * `(MsEdgeTTS as any).WSS_URL = fake.wssUrl`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { webmOpusOf } from './tts-audio.ts';

export interface EdgeRequest {
  voice: string;
  text: string;
  outputFormat: string | undefined;
  query: URLSearchParams;
  userAgent: string | undefined;
}

export class FakeEdgeTts {
  readonly requests: EdgeRequest[] = [];
  connections = 0;
  /** 'ok'; 'close-early': drop the socket after turn.start; 'reject': answer the upgrade with 403; 'hang': never answer the ssml. */
  behaviour: 'ok' | 'close-early' | 'reject' | 'hang' = 'ok';
  /** Bytes per binary audio frame (Edge sends a few KB each). */
  frameBytes = 4096;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;

  get wssUrl(): string {
    return `ws://127.0.0.1:${this.port}/consumer/speech/synthesize/readaloud/edge/v1`;
  }

  async start(): Promise<this> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (this.behaviour === 'reject') {
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://fake');
      wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, url.searchParams, req.headers['user-agent']));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    this.server = server;
    this.wss = wss;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    const s = this.server;
    this.server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  }

  private serve(ws: WebSocket, query: URLSearchParams, userAgent: string | undefined): void {
    this.connections++;
    let outputFormat: string | undefined;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = data.toString();
      const [head = '', body = ''] = splitOnce(msg, '\r\n\r\n');
      const path = /Path:([^\r\n]+)/.exec(head)?.[1];
      if (path === 'speech.config') {
        outputFormat = /"outputFormat"\s*:\s*"([^"]+)"/.exec(body)?.[1];
        return;
      }
      if (path !== 'ssml') return;
      const requestId = /X-RequestId:([^\r\n]+)/.exec(head)?.[1] ?? '';
      const voice = /<voice name="([^"]+)"/.exec(body)?.[1] ?? '';
      const text = unescapeXml((/<prosody[^>]*>([\s\S]*?)<\/prosody>/.exec(body)?.[1] ?? '').trim());
      this.requests.push({ voice, text, outputFormat, query, userAgent });
      void this.answer(ws, requestId, text);
    });
  }

  private async answer(ws: WebSocket, requestId: string, text: string): Promise<void> {
    if (this.behaviour === 'hang') return;
    const json = (path: string, body: string) => `X-RequestId:${requestId}\r\nContent-Type:application/json; charset=utf-8\r\nPath:${path}\r\n\r\n${body}`;
    ws.send(json('turn.start', '{"context":{"serviceTag":"fake"}}'));
    if (this.behaviour === 'close-early') {
      ws.close();
      return;
    }
    const audio = await webmOpusOf(text);
    const header = Buffer.from(`X-RequestId:${requestId}\r\nContent-Type:audio/webm; codec=opus\r\nPath:audio\r\n`);
    for (let o = 0; o < audio.length; o += this.frameBytes) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(header.length);
      ws.send(Buffer.concat([len, header, audio.subarray(o, o + this.frameBytes)]), { binary: true });
    }
    ws.send(json('turn.end', '{}'));
  }
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}
