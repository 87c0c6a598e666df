import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { LANGUAGE_CODES, LANGUAGES } from '../../engine/language.ts';
import { INTERVIEW_TYPES } from '../../engine/types.ts';

/** The one slash command, /interview, with a subcommand per action. */
export function interviewCommand() {
  return new SlashCommandBuilder()
    .setName('interview')
    .setDescription('Practise a mock interview with Alex')
    // Guild only: interviews run in a server's private threads (setDMPermission is deprecated).
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('start')
        .setDescription('Start a mock interview in a private thread')
        .addStringOption((o) => o.setName('type').setDescription('Interview type').setRequired(true).addChoices(...INTERVIEW_TYPES.map((t) => ({ name: t, value: t }))))
        .addStringOption((o) => o.setName('role').setDescription('Role, e.g. backend engineer, data scientist').setMaxLength(80))
        .addStringOption((o) => o.setName('level').setDescription('Seniority').addChoices({ name: 'junior', value: 'junior' }, { name: 'mid', value: 'mid' }, { name: 'senior', value: 'senior' }))
        .addAttachmentOption((o) => o.setName('resume').setDescription('Your resume or a job description (PDF, DOCX, TXT, MD) for a customize interview'))
        .addStringOption((o) => o.setName('mode').setDescription('Text in a thread, or spoken in your voice channel').addChoices({ name: 'text', value: 'text' }, { name: 'voice', value: 'voice' }))
        .addStringOption((o) => o.setName('language').setDescription('Interview language (default: your Discord language)').addChoices(...LANGUAGE_CODES.map((c) => ({ name: `${LANGUAGES[c].native} (${c})`, value: c })))),
    )
    .addSubcommand((s) => s.setName('end').setDescription('End your running interview and get the report'))
    .addSubcommand((s) => s.setName('report').setDescription('Show your last interview report again'))
    .addSubcommand((s) => s.setName('history').setDescription('Your past interviews and scores'))
    .addSubcommand((s) => s.setName('dashboard').setDescription('A private link to your progress dashboard on the web'))
    .addSubcommand((s) => s.setName('status').setDescription('Which model and speech mode are live'))
    .addSubcommand((s) => s.setName('forget').setDescription('Delete all your interview data'))
    .addSubcommand((s) =>
      s
        .setName('settings')
        .setDescription('Server settings (needs Manage Server)')
        .addBooleanOption((o) => o.setName('channel_summary').setDescription('Post a one-line summary in the channel where an interview was started').setRequired(true)),
    );
}

export function commandsJson() {
  return [interviewCommand().toJSON()];
}
