/**
 * A fake Discord voice server on 127.0.0.1 for the real @discordjs/voice client: the voice
 * gateway (v8, JSON over wss) and the UDP media socket.
 *
 *   server Hello op 8 -> client Identify op 0 -> server Ready op 2 {ssrc, ip, port, modes}
 *   UDP IP discovery (74-byte request/response) -> client SelectProtocol op 1
 *   -> server SessionDescription op 4 {mode, secret_key, dave_protocol_version: 0}
 *   heartbeats op 3 -> op 6; Speaking op 5 both ways; Resume op 7 -> Resumed op 9
 *
 * It decrypts what the bot sends (counting Opus frames per playback) and can send a
 * user's audio to the bot: Speaking op 5 {user_id, ssrc}, then encrypted RTP. It can also
 * misbehave on purpose: a packet that fails authentication, a dropped gateway connection.
 */
import dgram from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { decryptRtp, encryptRtp, OPUS_PAYLOAD_TYPE } from './rtp.ts';

type Obj = Record<string, unknown>;

export interface FakeVoiceOptions {
  cert: string;
  key: string;
  heartbeatIntervalMs?: number;
  /** The SSRC given to the bot. */
  botSsrc?: number;
}

export interface BotPacket {
  ssrc: number;
  sequence: number;
  opus: Buffer;
  at: number;
}

export interface GatewayMessage {
  op: number;
  d: Obj;
}

interface Link {
  ws: WebSocket;
  mode: string | null;
  key: Buffer | null;
  client: { address: string; port: number } | null;
  seq: number;
}

export class FakeVoiceServer {
  readonly received: BotPacket[] = [];
  /** Every JSON message the bot sent, in order. */
  readonly fromBot: GatewayMessage[] = [];
  connections = 0;
  /** Bot packets that failed decryption (wrong key, bad tag). */
  undecryptable = 0;
  private readonly opts: FakeVoiceOptions;
  private https: Server | null = null;
  private wss: WebSocketServer | null = null;
  private udp: dgram.Socket | null = null;
  private links = new Set<Link>();
  private current: Link | null = null;
  private userSeq = new Map<number, { sequence: number; timestamp: number; nonce: number }>();
  private listeners = new Set<() => void>();
  port = 0;
  udpPort = 0;

  constructor(opts: FakeVoiceOptions) {
    this.opts = opts;
  }

  static async start(opts: FakeVoiceOptions): Promise<FakeVoiceServer> {
    const s = new FakeVoiceServer(opts);
    await s.listen();
    return s;
  }

  /** What VOICE_SERVER_UPDATE.endpoint should say. */
  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  get botSsrc(): number {
    return this.opts.botSsrc ?? 4242;
  }

  /** The bot's Identify payloads (one per connection). */
  get identifies(): Obj[] {
    return this.fromBot.filter((m) => m.op === 0).map((m) => m.d);
  }

  /** True once the bot has a session key and can send or receive media. */
  get ready(): boolean {
    return Boolean(this.current?.key && this.current.client);
  }

  private async listen(): Promise<void> {
    this.udp = dgram.createSocket('udp4');
    this.udp.on('message', (msg, rinfo) => this.onUdp(msg, rinfo));
    this.udp.bind(0, '127.0.0.1');
    await once(this.udp, 'listening');
    this.udpPort = (this.udp.address() as AddressInfo).port;
    this.https = createServer({ cert: this.opts.cert, key: this.opts.key });
    this.wss = new WebSocketServer({ server: this.https });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    this.https.listen(0, '127.0.0.1');
    await once(this.https, 'listening');
    this.port = (this.https.address() as AddressInfo).port;
  }

  private onConnection(ws: WebSocket): void {
    this.connections++;
    const link: Link = { ws, mode: null, key: null, client: null, seq: 0 };
    this.links.add(link);
    this.current = link;
    ws.on('close', () => this.links.delete(link));
    ws.on('message', (data, binary) => {
      if (binary) return; // DAVE MLS binary messages: not spoken by this fake (it answers dave_protocol_version 0)
      let m: GatewayMessage;
      try {
        m = JSON.parse(String(data)) as GatewayMessage;
      } catch {
        return;
      }
      this.fromBot.push(m);
      this.onGateway(link, m);
      this.notify();
    });
    this.send(link, 8, { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 13_750 });
  }

  private onGateway(link: Link, m: GatewayMessage): void {
    switch (m.op) {
      case 0: // Identify
        this.send(link, 2, { ssrc: this.botSsrc, ip: '127.0.0.1', port: this.udpPort, modes: ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'], heartbeat_interval: 1 });
        break;
      case 1: {
        // SelectProtocol
        const data = (m.d['data'] ?? {}) as Obj;
        link.mode = String(data['mode']);
        link.client = { address: String(data['address']), port: Number(data['port']) };
        link.key = randomBytes(32);
        this.send(link, 4, { mode: link.mode, secret_key: [...link.key], dave_protocol_version: 0 });
        break;
      }
      case 3: // Heartbeat
        this.send(link, 6, { t: m.d['t'] });
        break;
      case 7: // Resume
        if (this.current && this.current !== link) {
          Object.assign(link, { mode: this.current.mode, key: this.current.key, client: this.current.client });
        }
        this.current = link;
        this.send(link, 9, null);
        break;
    }
  }

  private send(link: Link, op: number, d: unknown): void {
    if (link.ws.readyState !== link.ws.OPEN) return;
    link.ws.send(JSON.stringify({ op, d, seq: ++link.seq }));
  }

  private onUdp(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    // IP discovery: type 1, length 70, ssrc; answer type 2 with the address and port we saw.
    if (msg.length === 74 && msg.readUInt16BE(0) === 1) {
      const res = Buffer.alloc(74);
      res.writeUInt16BE(2, 0);
      res.writeUInt16BE(70, 2);
      res.writeUInt32BE(msg.readUInt32BE(4), 4);
      res.write(rinfo.address, 8, 'utf8');
      res.writeUInt16BE(rinfo.port, 72);
      this.udp?.send(res, rinfo.port, rinfo.address);
      return;
    }
    if (msg.length <= 8) return; // keep-alive counter
    const key = this.current?.key;
    if (!key || (msg[1]! & 0x7f) !== OPUS_PAYLOAD_TYPE) return;
    const rtp = decryptRtp(msg, key);
    if (!rtp) {
      this.undecryptable++;
      return;
    }
    this.received.push({ ssrc: rtp.ssrc, sequence: rtp.sequence, opus: rtp.opus, at: Date.now() });
    this.notify();
  }

  /** Opus frames the bot sent other than the 3-byte silence frame. */
  get audioFrames(): BotPacket[] {
    return this.received.filter((p) => !(p.opus.length === 3 && p.opus[0] === 0xf8 && p.opus[1] === 0xff && p.opus[2] === 0xfe));
  }

  /** A user starts talking: Speaking op 5 maps their SSRC, then RTP follows. */
  announceSpeaker(userId: string, ssrc: number): void {
    if (this.current) this.send(this.current, 5, { user_id: userId, ssrc, speaking: 1 });
  }

  /**
   * Sends a user's Opus packets to the bot, `paceMs` apart (20 = real time), and stops
   * sending afterwards, as a Discord client does when its user goes quiet.
   */
  async sendUserAudio(userId: string, ssrc: number, packets: Buffer[], opts: { paceMs?: number; extension?: boolean } = {}): Promise<void> {
    this.announceSpeaker(userId, ssrc);
    const pace = opts.paceMs ?? 20;
    const start = Date.now();
    for (let i = 0; i < packets.length; i++) {
      this.sendRtp(ssrc, packets[i]!, opts.extension ?? true);
      // Real time without drift: wait for this packet's slot, not a fixed gap after the previous one.
      const wait = start + (i + 1) * pace - Date.now();
      if (pace > 0 && wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** One packet whose authentication tag is wrong (the client destroys its receive stream on it). */
  sendCorruptPacket(ssrc: number): void {
    const p = this.encrypt(ssrc, Buffer.from([0xf8, 0xff, 0xfe]), true);
    if (!p || !this.current?.client) return;
    p[p.length - 5] = p[p.length - 5]! ^ 0xff;
    this.udp?.send(p, this.current.client.port, this.current.client.address);
  }

  private sendRtp(ssrc: number, opus: Buffer, extension: boolean): void {
    const p = this.encrypt(ssrc, opus, extension);
    const to = this.current?.client;
    if (p && to) this.udp?.send(p, to.port, to.address);
  }

  private encrypt(ssrc: number, opus: Buffer, extension: boolean): Buffer | null {
    const key = this.current?.key;
    if (!key) return null;
    const s = this.userSeq.get(ssrc) ?? { sequence: 1000, timestamp: 0, nonce: 0 };
    s.sequence = (s.sequence + 1) & 0xffff;
    s.timestamp = (s.timestamp + 960) >>> 0;
    s.nonce++;
    this.userSeq.set(ssrc, s);
    return encryptRtp(opus, key, { ssrc, sequence: s.sequence, timestamp: s.timestamp, nonce: s.nonce, extension });
  }

  /** Closes the bot's gateway connection with a close code (4014: disconnected from the channel). */
  dropGateway(code: number): void {
    for (const l of this.links) l.ws.close(code);
  }

  /** Resolves when `probe` holds, re-checking after every message and packet from the bot. */
  waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const first = probe();
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (!v) return;
        done();
        resolve(v);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`fake voice server: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  async stop(): Promise<void> {
    for (const l of this.links) l.ws.terminate();
    this.links.clear();
    this.wss?.close();
    if (this.https) {
      this.https.closeAllConnections();
      await new Promise<void>((r) => this.https!.close(() => r()));
    }
    if (this.udp) await new Promise<void>((r) => this.udp!.close(() => r()));
    this.https = null;
    this.udp = null;
  }
}
