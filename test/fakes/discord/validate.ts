// Discord's limits on message and command payloads. Breaking them fails in production with 50006/50035, so the
// fake rejects them the same way (long model output and duplicate button ids are the usual culprits).
import { DiscordError, Errors } from './router.ts';

const IS_COMPONENTS_V2 = 1 << 15;

type Obj = Record<string, unknown>;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `existing` is the message being edited, so an edit that empties it is refused as Discord does. */
export function validateMessagePayload(payload: Obj, fileCount: number, existing?: Obj): void {
  const content = payload['content'];
  if (typeof content === 'string' && content.length > 2000) {
    throw Errors.invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const embeds = payload['embeds'];
  if (Array.isArray(embeds)) validateEmbeds(embeds as Obj[]);
  const flags = Number(payload['flags'] ?? existing?.['flags'] ?? 0);
  const components = payload['components'];
  if (Array.isArray(components) && !(flags & IS_COMPONENTS_V2)) validateComponents(components as Obj[]);
  if (flags & IS_COMPONENTS_V2 && typeof content === 'string' && content.length > 0) {
    throw Errors.invalidForm('content', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'content\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
  }
  if (fileCount > 10) throw Errors.invalidForm('files', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');

  const pick = (key: string): unknown => (key in payload ? payload[key] : existing?.[key]);
  const hasContent = str(pick('content')).trim().length > 0;
  const hasEmbeds = Array.isArray(pick('embeds')) && (pick('embeds') as unknown[]).length > 0;
  const hasComponents = Array.isArray(pick('components')) && (pick('components') as unknown[]).length > 0;
  const keptAttachments = Array.isArray(pick('attachments')) && (pick('attachments') as unknown[]).length > 0;
  const hasOther = Boolean(payload['sticker_ids'] || payload['poll']);
  if (!hasContent && !hasEmbeds && !hasComponents && !keptAttachments && fileCount === 0 && !hasOther) {
    throw Errors.emptyMessage();
  }
}

function validateEmbeds(embeds: Obj[]): void {
  if (embeds.length > 10) throw Errors.invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((embed, i) => {
    const limit = (field: string, value: unknown, max: number): void => {
      const s = str(value);
      total += s.length;
      if (s.length > max) throw Errors.invalidForm(`embeds.${i}.${field}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    };
    limit('title', embed['title'], 256);
    limit('description', embed['description'], 4096);
    limit('footer.text', (embed['footer'] as Obj | undefined)?.['text'], 2048);
    limit('author.name', (embed['author'] as Obj | undefined)?.['name'], 256);
    const fields = (embed['fields'] as Obj[] | undefined) ?? [];
    if (fields.length > 25) throw Errors.invalidForm(`embeds.${i}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((f, j) => {
      limit(`fields.${j}.name`, f['name'], 256);
      limit(`fields.${j}.value`, f['value'], 1024);
    });
  });
  if (total > 6000) throw new DiscordError(400, 50035, 'Invalid Form Body', { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }] } });
}

function validateComponents(rows: Obj[]): void {
  if (rows.length > 5) throw Errors.invalidForm('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const children = (row['components'] as Obj[] | undefined) ?? [];
    if (row['type'] !== 1) throw Errors.invalidForm(`components.${i}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
    if (children.length === 0 || children.length > 5) {
      throw Errors.invalidForm(`components.${i}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    children.forEach((c, j) => {
      const path = `components.${i}.components.${j}`;
      const isLink = c['type'] === 2 && (c['style'] === 5 || c['style'] === 6);
      const customId = str(c['custom_id']);
      if (!isLink) {
        if (customId.length === 0 || customId.length > 100) throw Errors.invalidForm(`${path}.custom_id`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        if (seen.has(customId)) throw Errors.invalidForm(`${path}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        seen.add(customId);
      }
      if (str(c['label']).length > 80) throw Errors.invalidForm(`${path}.label`, 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
      if (Array.isArray(c['options']) && (c['options'] as unknown[]).length > 25) {
        throw Errors.invalidForm(`${path}.options`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
      }
    });
  });
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Bulk command overwrite rules that commonly bite: names, description lengths, option order and counts. */
export function validateCommands(commands: Obj[]): void {
  commands.forEach((cmd, i) => validateCommand(cmd, String(i)));
}

function validateCommand(cmd: Obj, path: string): void {
  const name = str(cmd['name']);
  const type = Number(cmd['type'] ?? 1);
  if (type === 1 && (!NAME.test(name) || name !== name.toLowerCase())) {
    throw Errors.invalidForm(`${path}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  const description = str(cmd['description']);
  if (type === 1 && (description.length < 1 || description.length > 100)) {
    throw Errors.invalidForm(`${path}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  validateOptions((cmd['options'] as Obj[] | undefined) ?? [], `${path}.options`);
}

function validateOptions(options: Obj[], path: string): void {
  if (options.length > 25) throw Errors.invalidForm(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  options.forEach((opt, i) => {
    const name = str(opt['name']);
    if (!NAME.test(name) || name !== name.toLowerCase()) {
      throw Errors.invalidForm(`${path}.${i}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const description = str(opt['description']);
    if (description.length < 1 || description.length > 100) {
      throw Errors.invalidForm(`${path}.${i}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (opt['type'] === 1 || opt['type'] === 2) {
      validateOptions((opt['options'] as Obj[] | undefined) ?? [], `${path}.${i}.options`);
      return;
    }
    if (opt['required'] && sawOptional) {
      throw Errors.invalidForm(`${path}.${i}.required`, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (!opt['required']) sawOptional = true;
    if (Array.isArray(opt['choices']) && (opt['choices'] as unknown[]).length > 25) {
      throw Errors.invalidForm(`${path}.${i}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
  });
}
