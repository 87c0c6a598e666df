export { createDiscordVoice, waitingQuestion, type DiscordVoiceController, type DiscordVoiceOptions } from './create.ts';
export type { VoiceTuning } from './room.ts';
