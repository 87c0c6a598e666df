// The Socket Mode side of the fake: a WebSocket endpoint that greets with `hello`,
// pushes envelopes to the connected app and records the acks it sends back.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackState } from './state.ts';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface OutgoingEnvelope {
  type: EnvelopeType;
  payload: unknown;
  envelope_id?: string;
  /** Defaults to true for slash commands and interactions, false for events, as Slack does. */
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends to the most recently connected app instance; returns the envelope id. */
  send(envelope: OutgoingEnvelope): string;
  /** Asks the client to reconnect, as Slack does before recycling a connection. */
  disconnect(reason?: string): void;
  connectionCount(): number;
  close(): Promise<void>;
}

export function createSocketHub(state: SlackState, appId: string): SocketHub {
  const wss = new WebSocketServer({ noServer: true });
  const sockets: WebSocket[] = [];

  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        const message = JSON.parse(data.toString()) as { envelope_id?: unknown; payload?: unknown };
        if (typeof message.envelope_id !== 'string') return;
        state.acks.push({ envelope_id: message.envelope_id, payload: message.payload ?? {}, at: Date.now() });
        state.changed();
      } catch {
        // A real Slack connection ignores frames it cannot parse; so does the fake.
      }
    });
    ws.on('close', () => {
      sockets.splice(sockets.indexOf(ws), 1);
      state.changed();
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.length,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    state.changed();
  });

  const open = (): WebSocket | undefined => sockets.filter((s) => s.readyState === s.OPEN).at(-1);

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    send(envelope) {
      const ws = open();
      if (!ws) throw new Error('fake Slack: no Socket Mode connection is open');
      const envelope_id = envelope.envelope_id ?? randomUUID();
      const wire: Record<string, unknown> = {
        envelope_id,
        type: envelope.type,
        payload: envelope.payload,
        accepts_response_payload: envelope.accepts_response_payload ?? envelope.type !== 'events_api',
      };
      if (envelope.type === 'events_api') {
        wire.retry_attempt = envelope.retry_attempt ?? 0;
        wire.retry_reason = envelope.retry_reason ?? '';
      }
      ws.send(JSON.stringify(wire));
      return envelope_id;
    },
    disconnect(reason = 'refresh_requested') {
      open()?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
    },
    connectionCount: () => sockets.filter((s) => s.readyState === s.OPEN).length,
    async close() {
      // Close politely first so a client that is itself shutting down finishes its handshake
      // without an error; anything still open after a moment is cut off.
      const closed = sockets.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.close(1001, 'fake Slack closing');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
      for (const ws of [...sockets]) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
