// Interaction callbacks and the interaction webhook (editReply, followUp, fetch/delete of @original).
// These routes are called without the bot token, exactly as discord.js does (auth: false).
import type { APIMessage } from 'discord.js';
import { channelOr404 } from './access.ts';
import { MessageFlag, createMessage, deleteMessage, editMessage, type FakeCore } from './messages.ts';
import { messageEventPayload, newMessage, userPayload } from './payloads.ts';
import { Errors, noContent, ok, type RouteRequest, type Router } from './router.ts';
import type { InteractionRecord } from './state.ts';

type Obj = Record<string, unknown>;

export const CallbackType = { Pong: 1, Reply: 4, Defer: 5, DeferUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9, LaunchActivity: 12 } as const;

export function registerInteractionRoutes(router: Router, core: FakeCore): void {
  const { state } = core;
  const open = { auth: false };

  router.add('POST', '/interactions/:interactionId/:token/callback', (req) => {
    const rec = state.interactions.get(req.params['token'] ?? '');
    if (!rec || rec.id !== req.params['interactionId']) throw Errors.unknownInteraction();
    const deadline = core.interactionAckDeadlineMs;
    // An acknowledged interaction stays known (its token lives on), so a second answer is 40060 whenever it comes.
    if (rec.responseType !== null) throw Errors.alreadyAcknowledged();
    if (deadline > 0 && Date.now() - rec.createdAt > deadline) throw Errors.unknownInteraction();
    const body = (req.body ?? {}) as Obj;
    const type = Number(body['type']);
    const data = (body['data'] ?? {}) as Obj;
    const message = respond(core, rec, type, data, req);
    rec.responseType = type;
    if (req.query.get('with_response') !== 'true') return noContent();
    return ok({
      interaction: {
        id: rec.id,
        type: rec.type,
        ...(rec.originalMessageId ? { response_message_id: rec.originalMessageId } : {}),
        response_message_loading: type === CallbackType.Defer,
        response_message_ephemeral: message ? state.ephemeral.has(message.id) : false,
      },
      resource: { type, ...(message ? { message: structuredClone(message) } : {}) },
    });
  }, open);

  const interactionFor = (req: RouteRequest): InteractionRecord => {
    const rec = state.interactions.get(req.params['token'] ?? '');
    if (!rec || req.params['appId'] !== state.applicationId) throw Errors.unknownWebhook();
    return rec;
  };
  const webhookMessage = (req: RouteRequest): APIMessage => {
    const rec = interactionFor(req);
    const id = req.params['messageId'] === '@original' ? rec.originalMessageId : req.params['messageId'];
    const message = id ? state.messageIndex.get(id) : undefined;
    if (!message || (id !== rec.originalMessageId && message.interaction_metadata?.id !== rec.id)) throw Errors.unknownMessage();
    return message;
  };

  router.add('GET', '/webhooks/:appId/:token/messages/:messageId', (req) => ok(structuredClone(webhookMessage(req))), open);
  router.add('PATCH', '/webhooks/:appId/:token/messages/:messageId', (req) =>
    ok(structuredClone(editMessage(core, webhookMessage(req), (req.body ?? {}) as Obj, req.files))), open);
  router.add('DELETE', '/webhooks/:appId/:token/messages/:messageId', (req) => {
    deleteMessage(core, webhookMessage(req));
    return noContent();
  }, open);

  router.add('POST', '/webhooks/:appId/:token', (req) => {
    const rec = interactionFor(req);
    if (rec.responseType === null) throw Errors.unknownWebhook();
    const payload = (req.body ?? {}) as Obj;
    const original = rec.originalMessageId ? state.messageIndex.get(rec.originalMessageId) : undefined;
    let message: APIMessage;
    if (original && ((original.flags ?? 0) & MessageFlag.Loading)) {
      // Discord turns the first follow-up after a deferred reply into the reply itself.
      message = editMessage(core, original, payload, req.files);
    } else {
      const channel = channelOr404(state, req.query.get('thread_id') ?? rec.channelId);
      message = createMessage(core, channel, state.botId, payload, req.files, interactionExtras(core, rec, 0));
    }
    return req.query.get('wait') === 'true' ? ok(structuredClone(message)) : noContent();
  }, open);
}

function respond(core: FakeCore, rec: InteractionRecord, type: number, data: Obj, req: RouteRequest): APIMessage | null {
  const { state } = core;
  const channel = channelOr404(state, rec.channelId);
  const fromMessage = rec.type === 3 || (rec.type === 5 && rec.sourceMessageId !== null);
  const source = rec.sourceMessageId ? state.messageIndex.get(rec.sourceMessageId) : undefined;
  switch (type) {
    case CallbackType.Reply: {
      const message = createMessage(core, channel, state.botId, data, req.files, interactionExtras(core, rec, rec.type === 2 ? 20 : 0));
      rec.originalMessageId = message.id;
      return message;
    }
    case CallbackType.Defer: {
      const flags = MessageFlag.Loading | (Number(data['flags'] ?? 0) & MessageFlag.Ephemeral);
      const message = newMessage(state, { channel, authorId: state.botId, flags, type: rec.type === 2 ? 20 : 0, extra: interactionExtras(core, rec, 0) });
      const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
      state.addMessage(message, ephemeral);
      if (!ephemeral) core.gateway.dispatch('MESSAGE_CREATE', messageEventPayload(state, message));
      rec.originalMessageId = message.id;
      return message;
    }
    case CallbackType.DeferUpdate:
    case CallbackType.Update: {
      if (!fromMessage || !source) throw Errors.invalidForm('type', 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is not valid for this interaction');
      rec.originalMessageId = source.id;
      return type === CallbackType.Update ? editMessage(core, source, data, req.files) : source;
    }
    case CallbackType.Modal: {
      if (rec.type === 5) throw Errors.invalidForm('type', 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is not valid for this interaction');
      const customId = typeof data['custom_id'] === 'string' ? data['custom_id'] : '';
      if (!customId || customId.length > 100) throw Errors.invalidForm('data.custom_id', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if (typeof data['title'] !== 'string' || data['title'].length > 45) throw Errors.invalidForm('data.title', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
      rec.modal = data;
      return null;
    }
    case CallbackType.Autocomplete:
      if (rec.type !== 4) throw Errors.invalidForm('type', 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is not valid for this interaction');
      return null;
    case CallbackType.LaunchActivity:
      return null;
    default:
      throw Errors.invalidForm('type', 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is not valid for this interaction');
  }
}

/** Fields Discord puts on messages created through an interaction (webhook author, interaction metadata). */
function interactionExtras(core: FakeCore, rec: InteractionRecord, type: number): Partial<APIMessage> {
  const { state } = core;
  const user = userPayload(state, rec.userId);
  return {
    type,
    webhook_id: state.applicationId,
    application_id: state.applicationId,
    interaction_metadata: {
      id: rec.id,
      type: rec.type,
      user,
      authorizing_integration_owners: { '0': rec.guildId },
      ...(rec.sourceMessageId && rec.type === 3 ? { interacted_message_id: rec.sourceMessageId } : {}),
    },
  } as Partial<APIMessage>;
}
