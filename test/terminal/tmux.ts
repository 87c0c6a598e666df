import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/**
 * A real terminal for tests: a command running in a detached tmux session on a private
 * server socket, whose screen can be read (with or without its colour escapes) and typed into.
 * The pane stays after the command ends and shows "[exit N]".
 */
export class Terminal {
  readonly socket = `t-${randomUUID().slice(0, 8)}`;
  private readonly env: NodeJS.ProcessEnv;

  constructor(command: string, opts: { cwd: string; env?: NodeJS.ProcessEnv; width?: number; height?: number }) {
    // The tmux server is started by this call, so the command inherits exactly this environment.
    this.env = { ...opts.env, TERM: 'xterm-256color' };
    this.tmux(['new-session', '-d', '-s', 'main', '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 50), '-c', opts.cwd, `${command}; echo "[exit $?]"; sleep 3600`]);
    this.tmux(['set-option', '-g', 'history-limit', '20000']);
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { env: this.env, encoding: 'utf8' });
  }

  /** Everything printed so far (scrollback included); `escapes` keeps colour codes. */
  screen(opts: { escapes?: boolean } = {}): string {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-20000', ...(opts.escapes ? ['-e'] : []), '-t', 'main']);
  }

  /** Waits until the screen matches; throws with the screen when it does not in time. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > until) throw new Error(`the terminal never showed ${pattern}; it shows:\n${s.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Types a line literally (tmux would read "end" as the End key otherwise) and presses Enter. */
  type(line: string): void {
    this.tmux(['send-keys', '-t', 'main', '-l', line]);
    this.tmux(['send-keys', '-t', 'main', 'Enter']);
  }

  close(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}

/** The environment a person's shell would have: no colour overrides, no CI marker. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'NODE_OPTIONS', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST', 'NODE_ENV']) if (!(k in extra)) delete env[k];
  return env;
}

export const ESC = '\u001b[';
