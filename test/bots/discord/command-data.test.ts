import { InteractionContextType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { interviewCommand } from '../../../src/bots/discord/command-data.ts';

describe('/interview command data', () => {
  it('is offered in servers only, through contexts rather than the deprecated dm_permission', () => {
    const json = interviewCommand().toJSON();
    expect(json.contexts).toEqual([InteractionContextType.Guild]);
    expect(json.dm_permission).toBeUndefined();
  });
});
