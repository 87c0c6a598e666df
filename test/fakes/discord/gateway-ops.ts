// Gateway ops from the client beyond the handshake: op 4 (voice state update) and op 8 (request members).
import type { GatewaySession } from './gateway.ts';
import type { FakeCore } from './messages.ts';
import { memberPayload, voiceStatePayload } from './payloads.ts';

export interface VoiceStateRequest {
  at: number;
  sessionId: string;
  guildId: string;
  channelId: string | null;
  selfMute: boolean;
  selfDeaf: boolean;
}

type Obj = Record<string, unknown>;

export function handleGatewayOp(core: FakeCore, op: number, d: Obj, session: GatewaySession, onVoice: (req: VoiceStateRequest) => void): void {
  const { state, gateway } = core;
  const guild = state.guilds.get(String(d['guild_id']));
  if (!guild) return;
  if (op === 4) {
    // Discord answers with the bot's VOICE_STATE_UPDATE (session_id = gateway session); the voice fake adds
    // VOICE_SERVER_UPDATE from the onVoice listener.
    const channelId = typeof d['channel_id'] === 'string' ? d['channel_id'] : null;
    const vs = { userId: state.botId, channelId, sessionId: session.id, selfMute: Boolean(d['self_mute']), selfDeaf: Boolean(d['self_deaf']) };
    if (channelId) guild.voiceStates.set(state.botId, vs);
    else guild.voiceStates.delete(state.botId);
    gateway.dispatch('VOICE_STATE_UPDATE', voiceStatePayload(state, guild, vs, true));
    onVoice({ at: Date.now(), sessionId: session.id, guildId: guild.id, channelId, selfMute: vs.selfMute, selfDeaf: vs.selfDeaf });
    return;
  }
  if (op === 8) {
    const wanted = Array.isArray(d['user_ids']) ? (d['user_ids'] as string[]) : typeof d['user_ids'] === 'string' ? [d['user_ids']] : null;
    const query = typeof d['query'] === 'string' ? d['query'].toLowerCase() : '';
    const ids = [...guild.members.keys()].filter((id) => (wanted ? wanted.includes(id) : state.users.get(id)?.username.toLowerCase().startsWith(query)));
    gateway.dispatch('GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: ids.map((id) => memberPayload(state, guild, id)),
      chunk_index: 0,
      chunk_count: 1,
      ...(wanted ? { not_found: wanted.filter((id) => !guild.members.has(id)) } : {}),
      ...(d['nonce'] !== undefined ? { nonce: d['nonce'] } : {}),
    });
  }
}
