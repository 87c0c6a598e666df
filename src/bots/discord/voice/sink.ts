/**
 * Alex's voice into the channel: one AudioPlayer per voice interview (so one per server),
 * fed object-mode Opus packets (StreamType.Opus: no FFmpeg, no inline volume).
 */
import { Readable } from 'node:stream';
import {
  AudioPlayerStatus,
  createAudioPlayer,
  createAudioResource,
  StreamType,
  type AudioPlayer,
  type AudioPlayerState,
  type PlayerSubscription,
  type VoiceConnection,
} from '@discordjs/voice';
import type { Logger } from 'pino';
import type { AudioSink } from '../../../voice/types.ts';

/**
 * The player sends a silence frame for each 20 ms tick with no packet ready and gives up
 * after maxMissedFrames; a reply's next sentence may take a few seconds to synthesise.
 */
const MAX_MISSED_FRAMES = 250;

export class DiscordAudioSink implements AudioSink {
  readonly player: AudioPlayer;
  private subscription: PlayerSubscription | undefined;

  constructor(connection: VoiceConnection, logger: Logger) {
    this.player = createAudioPlayer({ behaviors: { maxMissedFrames: MAX_MISSED_FRAMES } });
    // An unhandled 'error' would crash the process; a failed reply is already reported by the speaker.
    this.player.on('error', (err) => logger.warn({ err: err.message }, 'voice playback error'));
    this.subscription = connection.subscribe(this.player);
  }

  play(opusPackets: AsyncIterable<Buffer>, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const resource = createAudioResource(Readable.from(opusPackets, { objectMode: true }), { inputType: StreamType.Opus });
      const done = () => {
        this.player.off('stateChange', onState);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onState = (before: AudioPlayerState, after: AudioPlayerState) => {
        if (after.status === AudioPlayerStatus.Idle && 'resource' in before && before.resource === resource) done();
      };
      const onAbort = () => {
        this.player.stop(true);
        done();
      };
      this.player.on('stateChange', onState);
      signal.addEventListener('abort', onAbort, { once: true });
      this.player.play(resource);
    });
  }

  stop(): void {
    this.player.stop(true);
  }

  close(): void {
    this.player.stop(true);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.player.removeAllListeners();
    this.player.on('error', () => undefined);
  }
}
