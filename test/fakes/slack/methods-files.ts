// Fake Web API file methods: files.info and the three-step external upload that
// web-api's files.uploadV2 performs (getUploadURLExternal, POST bytes, completeUploadExternal).
import type { StoredFile } from './state.ts';
import { FAKE_USER_ID } from './identity.ts';
import { postBotMessage, resolveChannel } from './methods-messages.ts';
import {
  apiFile,
  extensionOf,
  fail,
  list,
  mimeFor,
  record,
  str,
  type MethodContext,
  type MethodHandler,
} from './method-context.ts';

export interface NewFile {
  name: string;
  bytes: Buffer | Uint8Array | string;
  mimetype?: string;
  title?: string;
  user?: string;
  channel?: string;
}

export function registerFile(ctx: Pick<MethodContext, 'state'>, input: NewFile, id?: string): StoredFile {
  const file: StoredFile = {
    id: id ?? ctx.state.nextId('F'),
    name: input.name,
    title: input.title ?? input.name,
    mimetype: input.mimetype ?? mimeFor(input.name),
    filetype: extensionOf(input.name),
    bytes: Buffer.from(input.bytes),
    user: input.user ?? FAKE_USER_ID,
    channels: input.channel ? [input.channel] : [],
    created: Math.floor(Date.now() / 1000),
  };
  ctx.state.files.set(file.id, file);
  return file;
}

const filesInfo: MethodHandler = (args, ctx) => {
  const file = ctx.state.files.get(str(args.file) ?? '');
  if (!file) return fail('file_not_found');
  return { ok: true, file: apiFile(ctx, file), comments: [], response_metadata: { next_cursor: '' } };
};

const getUploadUrl: MethodHandler = (args, ctx) => {
  const filename = str(args.filename);
  const length = Number(str(args.length));
  if (!filename || !Number.isFinite(length) || length <= 0) return fail('invalid_arguments');
  const file_id = ctx.state.nextId('F');
  const title = str(args.title);
  ctx.state.uploads.set(file_id, { file_id, filename, length, completed: false, ...(title ? { title } : {}) });
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/${file_id}`, file_id };
};

const completeUpload: MethodHandler = (args, ctx) => {
  const entries = list(args.files)?.map(record) ?? [];
  if (entries.length === 0) return fail('invalid_arguments');
  const uploads = entries.map((entry) => ctx.state.uploads.get(str(entry?.id) ?? ''));
  // Slack refuses to complete a file whose bytes never arrived at the upload URL.
  if (uploads.some((u) => !u?.bytes || u.completed)) return fail('file_not_found');
  const channelArg = str(args.channel_id);
  const channel = channelArg ? resolveChannel(ctx, channelArg) : undefined;
  const threadTs = str(args.thread_ts);
  const comment = str(args.initial_comment);
  const blocks = list(args.blocks);
  const shared: Array<{ id: string; name: string }> = [];
  const completed = uploads.map((upload, index) => {
    const u = upload!;
    const title = str(entries[index]?.title) ?? u.title ?? u.filename;
    Object.assign(u, {
      completed: true,
      title,
      ...(channel ? { channel_id: channel } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(comment !== undefined ? { initial_comment: comment } : {}),
      ...(blocks ? { blocks } : {}),
    });
    const file = registerFile(
      ctx,
      { name: u.filename, title, bytes: u.bytes!, user: ctx.identity.botUserId, ...(channel ? { channel } : {}) },
      u.file_id,
    );
    shared.push({ id: file.id, name: file.name });
    return { id: file.id, title };
  });
  // Sharing into a channel shows up as a bot message carrying the files (and the comment).
  if (channel) {
    postBotMessage(ctx, channel, {
      text: comment ?? '',
      files: shared,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(blocks ? { blocks } : {}),
    });
  }
  return { ok: true, files: completed };
};

export const fileMethods: Record<string, MethodHandler> = {
  'files.info': filesInfo,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
