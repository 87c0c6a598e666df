/**
 * A gateway adapter for joinVoiceChannel without discord.js: it records the bot's op 4
 * voice state updates and answers each join the way Discord's main gateway would, with
 * VOICE_STATE_UPDATE (the bot's session) and VOICE_SERVER_UPDATE (the fake's endpoint).
 */
import type { DiscordGatewayAdapterCreator, DiscordGatewayAdapterLibraryMethods } from '@discordjs/voice';

export interface AdapterRecord {
  /** op 4 payloads the bot sent, in order. */
  payloads: { op: number; d: Record<string, unknown> }[];
  methods: DiscordGatewayAdapterLibraryMethods | null;
  destroyed: boolean;
}

export function voiceAdapter(endpoint: () => string, botUserId: string): { creator: DiscordGatewayAdapterCreator; record: AdapterRecord } {
  const record: AdapterRecord = { payloads: [], methods: null, destroyed: false };
  const creator: DiscordGatewayAdapterCreator = (methods) => {
    record.methods = methods;
    return {
      sendPayload(payload) {
        const p = payload as { op: number; d: Record<string, unknown> };
        record.payloads.push(p);
        const d = p.d;
        if (p.op === 4 && d['channel_id']) {
          setImmediate(() => {
            methods.onVoiceStateUpdate({
              guild_id: String(d['guild_id']), channel_id: String(d['channel_id']), user_id: botUserId, session_id: 'fake-session',
              deaf: false, mute: false, self_deaf: Boolean(d['self_deaf']), self_mute: Boolean(d['self_mute']), self_video: false, suppress: false, request_to_speak_timestamp: null,
            } as Parameters<DiscordGatewayAdapterLibraryMethods['onVoiceStateUpdate']>[0]);
            methods.onVoiceServerUpdate({ token: 'fake-voice-token', guild_id: String(d['guild_id']), endpoint: endpoint() });
          });
        }
        return true;
      },
      destroy() {
        record.destroyed = true;
      },
    };
  };
  return { creator, record };
}
