import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, secretValues } from './config.ts';
import { isUserError } from './engine/errors.ts';
import { renderReportMarkdown } from './engine/feedback/markdown.ts';
import { parseType } from './engine/interview-types.ts';
import type { Reply, Session } from './engine/types.ts';
import { createLogger } from './logger.ts';
import { buildApp } from './app/app.ts';
import { renderForTerminal } from './terminal/markdown.ts';
import { withSpinner } from './terminal/spinner.ts';
import { hasColour, painter } from './terminal/style.ts';
import wrapAnsi from 'wrap-ansi';

const HELP = `Usage: make try TYPE=<screening|behavioral|technical|customize> ARGS="[options]"
   or: npm run interview -- --type <screening|behavioral|technical|customize> [options]

  --type T        interview type (default: screening)
  --role R        e.g. "backend engineer", "data scientist" (default: software engineer)
  --level L       junior | mid | senior (default: mid)
  --name NAME     how Alex addresses you
  --lang CODE     interview language: en, es, pt, fr, de, it, hi, ja, ko, zh (default: en)
  --answers FILE  non-interactive: one answer per line (commands like "skip" work too)
  --json          print one JSON object (transcript and report) on stdout
  --resume ID     continue an earlier interview by its session id
  --doc FILE      a resume (PDF, DOCX, TXT, MD) for a customize interview; repeatable
  --jd FILE       a job description for a customize interview
  --seed N        fixed question plan (for repeatable runs)

While answering, type skip, repeat, pause, resume or end at any time.
Settings (model keys, STORE_URL...) come from the environment or .env; see .env.example.`;

/** The command that continues an interview, as the user can paste it. */
const resumeHint = (id: string) => `make try ARGS="--resume ${id}"`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      type: { type: 'string' }, role: { type: 'string' }, level: { type: 'string' }, name: { type: 'string' }, lang: { type: 'string' },
      answers: { type: 'string' }, json: { type: 'boolean' }, resume: { type: 'string' },
      doc: { type: 'string', multiple: true }, jd: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const config = loadConfig();
  /** The report without its mode lines (the mode was stated at the start), drawn for a terminal. */
  const report = (r: NonNullable<Session['report']>) => {
    const md = renderReportMarkdown({ ...r, modeNotes: r.modeNotes.filter((n) => !n.startsWith('Mode:')) });
    return process.stdout.isTTY ? renderForTerminal(md, { width: Math.max(40, Math.min(process.stdout.columns || 80, 100)), colour: hasColour(process.stdout) }) : md;
  };
  // The terminal is for the interview; logs go to stderr and only when something is wrong.
  // LOG_LEVEL=info (the .env.example value, meant for servers) would scatter JSON lines through
  // the conversation, so the terminal shows warnings and up unless asked for debug or less.
  const level = process.env.LOG_LEVEL && process.env.LOG_LEVEL !== 'info' ? process.env.LOG_LEVEL : 'warn';
  const logger = createLogger({ level, secrets: secretValues(config) });
  // The terminal needs no speech, so no GPU probe runs here.
  const rt = await buildApp(config, logger, { speech: false });
  const out = (s: string) => {
    if (!values.json) process.stdout.write(`${s}\n`);
  };
  // On a terminal: colour (unless NO_COLOR), lines wrapped to its width, the report drawn
  // rather than shown as Markdown, a spinner while Alex thinks. Piped output stays plain.
  const stdout = process.stdout;
  const tty = Boolean(stdout.isTTY) && !values.json;
  const paint = painter(stdout);
  const width = () => Math.max(40, Math.min(stdout.columns || 80, 100));
  const wrap = (text: string, indent: number) => (tty ? wrapAnsi(text, width() - indent, { hard: true }).replace(/\n/g, `\n${' '.repeat(indent)}`) : text);
  const think = <T>(work: () => Promise<T>) => (tty ? withSpinner(stdout, 'Alex is thinking…', work) : work());
  try {
    const userKey = `cli:${process.env.USER ?? 'local'}`;
    let reply: Reply;
    let session: Session | undefined;
    if (values.resume) {
      session = await rt.engine.getById(values.resume);
      if (!session) throw new Error(`No interview with id ${values.resume} was found in ${config.STORE_URL.replace(/\/\/.*@/, '//***@')}.`);
      if (session.status === 'completed' || session.status === 'ended') {
        out(session.report ? report(session.report) : 'That interview has already finished.');
        if (values.json) process.stdout.write(`${JSON.stringify(jsonResult(session))}\n`);
        return 0;
      }
      const last = [...session.transcript].reverse().find((t) => t.role === 'interviewer');
      reply = { sessionId: session.id, key: session.key, messages: [`(resuming) ${last?.text ?? ''}`], progress: { current: session.current + 1, total: session.plan.length, label: `Question ${session.current + 1} of ${session.plan.length}` }, actions: [], status: session.status, done: false };
    } else {
      const type = parseType(values.type ?? 'screening');
      const documentIds = await rt.customize?.ingestCliDocuments(userKey, values.doc ?? [], values.jd);
      const key = `cli:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      reply = await think(() => rt.engine.start({
        key, userKey, type,
        ...(values.role ? { role: values.role } : {}),
        ...(values.level ? { level: values.level } : {}),
        ...(values.name ? { userName: values.name } : {}),
        ...(values.lang !== undefined ? { language: values.lang } : {}),
        ...(values.seed ? { seed: Number(values.seed) } : {}),
        ...(documentIds?.length ? { documentIds } : {}),
      }));
    }
    // The mode is stated once (and again only if it changes), not with every turn and report.
    let modeShown: string | undefined;
    const show = (r: Reply) => {
      // Mode and plan notes are the system talking, not Alex.
      for (const m of r.messages) {
        if (/^(Mode|Plan):/.test(m)) {
          if (m.startsWith('Mode:') && m === modeShown) continue;
          if (m.startsWith('Mode:')) modeShown = m;
          out(paint('dim', `      (${wrap(m, 7)})`));
        } else out(`\n${paint(['bold', 'cyan'], 'Alex:')} ${wrap(m, 6)}`);
      }
      if (!r.done && !r.refused) out(paint('dim', `      [${r.progress.label}]`));
    };
    show(reply);
    if (!values.resume) out(paint('dim', `      (${wrap(`session ${reply.sessionId}; continue later with: ${resumeHint(reply.sessionId)}`, 7)})`));

    const lines = values.answers ? readFileSync(values.answers, 'utf8').split(/\r?\n/) : null;
    const rl = lines ? null : createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    // The line iterator buffers input typed (or piped) ahead of the prompt, and ends with stdin.
    const input = rl ? rl[Symbol.asyncIterator]() : null;
    let idx = 0;
    while (!reply.done) {
      let text: string | null;
      if (lines) {
        // Skip blank lines in the file; running out of answers ends the interview (partial report).
        while (idx < lines.length && !lines[idx]!.trim()) idx++;
        text = idx < lines.length ? lines[idx++]! : null;
        if (text === null) {
          reply = await rt.engine.handleSession(reply.sessionId, { kind: 'command', command: 'end' });
          show(reply);
          break;
        }
        out(`\nYou: ${text}`);
      } else {
        process.stdout.write(`\n${paint(['bold', 'green'], 'You:')} `);
        const next = await input!.next();
        text = next.done ? null : (next.value as string);
        if (text === null) {
          out(`\nPaused. Continue later with: ${resumeHint(reply.sessionId)}`);
          break;
        }
      }
      try {
        const answer = text;
        reply = await think(() => rt.engine.handleSession(reply.sessionId, { kind: 'answer', text: answer }));
      } catch (e) {
        if (isUserError(e)) {
          out(`\n${paint(['bold', 'cyan'], 'Alex:')} ${wrap(e.message, 6)}`);
          continue;
        }
        throw e;
      }
      show(reply);
    }
    rl?.close();
    await think(() => rt.engine.idle());
    session = await rt.engine.getById(reply.sessionId);
    if (reply.report) out(`\n${report(reply.report)}`);
    if (values.json && session) process.stdout.write(`${JSON.stringify(jsonResult(session, rt.modeNotes()))}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}

/** The --json shape: type, mode, transcript, report (plus a few extra fields). */
function jsonResult(s: Session, modeNotes: string[] = s.modeNotes) {
  const providers = [...new Set(s.calls.map((c) => c.provider))];
  return {
    type: s.type,
    mode: providers.length && !providers.every((p) => p === 'offline') ? `model:${providers.filter((p) => p !== 'offline').join('+')}` : 'offline',
    sessionId: s.id,
    role: s.role,
    level: s.level,
    language: s.language ?? 'en',
    status: s.status,
    modeNotes,
    transcript: s.transcript.map((t) => ({ role: t.role, text: t.text, kind: t.kind })),
    report: s.report ?? null,
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || isUserError(err)) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ConfigError || isUserError(err) ? 2 : 1);
  },
);
