/**
 * The candidate's audio from the voice connection: one receive stream, Manual end, kept
 * alive. @discordjs/voice 0.19 destroys the stream on a packet it cannot decrypt (and
 * after repeated DAVE failures), so a closed stream is re-subscribed at once, with a short
 * back-off if it keeps happening, until stop().
 */
import { EndBehaviorType, VoiceConnectionStatus, type AudioReceiveStream, type VoiceConnection } from '@discordjs/voice';
import type { Logger } from 'pino';

export interface ReceiveStats {
  subscriptions: number;
  errors: number;
}

export class CandidateReceiver {
  private readonly connection: VoiceConnection;
  private readonly userId: string;
  private readonly onPacket: (packet: Buffer) => void;
  private readonly log: Logger;
  private stream: AudioReceiveStream | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  private recent: number[] = [];
  readonly stats: ReceiveStats = { subscriptions: 0, errors: 0 };

  constructor(connection: VoiceConnection, userId: string, onPacket: (packet: Buffer) => void, log: Logger) {
    this.connection = connection;
    this.userId = userId;
    this.onPacket = onPacket;
    this.log = log;
  }

  start(): void {
    this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const s = this.stream;
    this.stream = null;
    if (s && !s.destroyed) s.destroy();
  }

  private subscribe(): void {
    if (this.stopped || this.connection.state.status === VoiceConnectionStatus.Destroyed) return;
    const stream = this.connection.receiver.subscribe(this.userId, { end: { behavior: EndBehaviorType.Manual } });
    if (stream === this.stream) return;
    this.stream = stream;
    this.stats.subscriptions++;
    stream.on('data', (packet: Buffer) => this.onPacket(packet));
    stream.on('error', (err) => {
      this.stats.errors++;
      this.log.warn({ err: err.message }, 'voice receive stream failed; subscribing again');
    });
    stream.once('close', () => {
      if (this.stream === stream) this.stream = null;
      this.again();
    });
  }

  private again(): void {
    if (this.stopped || this.retry) return;
    const now = Date.now();
    this.recent = this.recent.filter((t) => now - t < 10_000);
    this.recent.push(now);
    // A stream that dies over and over (a broken DAVE session) must not spin the CPU.
    const delay = this.recent.length > 5 ? 1000 : 0;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.subscribe();
    }, delay);
  }
}
