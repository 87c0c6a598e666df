// Entry point for tests: `const fake = await startFakeDiscord(); new Client({ rest: { api: fake.restUrl } })`.
export { FakeDiscord, startFakeDiscord, type VoiceStateRequest } from './fake-discord.ts';
export { Permission, type PermissionName } from './permissions.ts';
export { Intent } from './intents.ts';
export type { CommandOption, ComponentInput, ModalSubmitInput, SlashCommandInput, UserMessageInput } from './user-actions.ts';
export type * from './types.ts';
