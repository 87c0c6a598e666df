import { BAND_LABEL } from '../../engine/feedback/report.ts';
import type { Band } from '../../engine/types.ts';
import { BAND_COLOR } from '../../render/chart.ts';
import { competencyName, TYPE_LABEL } from '../../render/labels.ts';
import type { DashboardJson } from '../schemas.ts';
import { type DashboardFilter, isFiltered } from './filters.ts';
import { html, raw, type Raw } from './html.ts';
import { sparklineSvg } from './sparkline.ts';
import { DASHBOARD_CSS } from './styles.ts';

export interface DashboardPageInput {
  userId?: string;
  /** Where this page lives (the filter form and "show all" lead here): /dashboard/{user_id} or /dashboard/me. */
  basePath?: string;
  summary?: DashboardJson;
  /** SVG from the shared chart renderer (the same one chat reports use). */
  trendSvg?: string;
  latestReportSvg?: string;
  /** The same charts drawn narrow, for phones (shown instead of the wide ones under 640 px). */
  trendSvgCompact?: string;
  latestReportSvgCompact?: string;
  /** Filters applied to `summary`, and every role seen (for the role filter). */
  filter?: DashboardFilter;
  roles?: string[];
  /** Interviews before filtering (an empty filtered view is not an empty history). */
  totalInterviews?: number;
}

const TYPES = ['screening', 'behavioral', 'technical', 'customize'] as const;

/** A small inline icon (a speech bubble), so browsers do not ask for /favicon.ico. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="4" width="28" height="20" rx="6" fill="#2563eb"/><path d="M9 24l0 6 7-6z" fill="#2563eb"/><circle cx="10" cy="14" r="2" fill="#fff"/><circle cx="16" cy="14" r="2" fill="#fff"/><circle cx="22" cy="14" r="2" fill="#fff"/></svg>')}`;

const dateFmt = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false });
const fmtDate = (iso: string) => `${dateFmt.format(new Date(iso))} UTC`;
const fmtScore = (s: number | null) => (s === null ? '–' : `${s.toFixed(1)} / 5`);

function bandPill(band: string | null): Raw {
  if (!band) return html`<span class="tag">in progress</span>`;
  const b = band as Band;
  return html`<span class="pill" style="background:${BAND_COLOR[b] ?? '#6b7280'}">${BAND_LABEL[b] ?? band}</span>`;
}

function change(c: number | null): Raw {
  if (c === null) return html`<span class="flat">first score</span>`;
  if (Math.abs(c) < 0.05) return html`<span class="flat">no change</span>`;
  return c > 0 ? html`<span class="up">▲ +${c.toFixed(1)}</span>` : html`<span class="down">▼ −${Math.abs(c).toFixed(1)}</span>`;
}

function layout(title: string, userId: string | undefined, body: Raw): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="${FAVICON}">
<style>${raw(DASHBOARD_CSS)}</style>
</head>
<body>
<header class="top"><div class="wrap">
<a class="brand" href="/dashboard">Interview coach <span>· progress</span></a>
<a class="navlink" href="/interview">Practise an interview</a>
<form class="user" method="get" action="/dashboard" role="search">
<label for="user_id" hidden>User id</label>
<input id="user_id" name="user_id" placeholder="Your user id" value="${userId ?? ''}" required maxlength="128" autocomplete="off">
<label for="token" hidden>User token</label>
<input id="token" name="token" type="password" placeholder="Your user token" required maxlength="1024" autocomplete="off">
<button type="submit">Show progress</button>
</form>
</div></header>
<main class="wrap">${body}</main>
<footer>Scores are 0–5 per question, against the interview's rubric. Heuristic scores come from the built-in rules when no language model is configured.</footer>
</body>
</html>`.value;
}

function stats(s: DashboardJson): Raw {
  const latest = s.interviews.find((i) => i.finished_at);
  const best = [...s.competencies].filter((c) => c.change !== null).sort((a, b) => b.change! - a.change!)[0];
  return html`<section class="cards" aria-label="Summary">
<div class="card stat"><div class="label">Interviews</div><div class="value">${s.totals.completed}</div><div class="hint">finished${s.totals.in_progress ? ` · ${s.totals.in_progress} in progress` : ''}</div></div>
<div class="card stat"><div class="label">Average score</div><div class="value">${fmtScore(s.averages.overall)}</div><div class="hint">over scored interviews</div></div>
<div class="card stat"><div class="label">Latest</div><div class="value">${latest ? fmtScore(latest.score) : '–'}</div><div class="hint">${latest ? bandPill(latest.band) : 'none finished yet'}</div></div>
<div class="card stat"><div class="label">Most improved</div><div class="value" style="font-size:20px">${best ? competencyName(best.competency) : '–'}</div><div class="hint">${best ? change(best.change) : 'needs a competency scored twice'}</div></div>
</section>`;
}

const tokenQuery = (token: string | undefined) => (token ? `?token=${encodeURIComponent(token)}` : '');

function interviewsTable(s: DashboardJson, token: string | undefined): Raw {
  return html`<section class="card" aria-labelledby="interviews-h">
<h2 id="interviews-h">Interviews</h2>
<table id="interviews" class="stack">
<thead><tr><th>Date</th><th>Type</th><th>Role</th><th>Score</th><th>Band</th><th>Partial</th></tr></thead>
<tbody>
${s.interviews.map(
  (i) => html`<tr data-session="${i.session_id}">
<td data-label="Date">${
    i.finished_at
      ? html`<a href="/reports/${encodeURIComponent(i.session_id)}${tokenQuery(token)}" title="Open the report"><time datetime="${i.finished_at}">${fmtDate(i.finished_at)}</time></a>`
      : html`<a href="/interview?session=${encodeURIComponent(i.session_id)}" title="Continue this interview"><time datetime="${i.started_at}">${fmtDate(i.started_at)}</time> · continue</a>`
  }</td>
<td data-label="Type">${TYPE_LABEL[i.type]}</td>
<td data-label="Role"><span>${i.role} <span class="tag">${i.level}</span></span></td>
<td data-label="Score" class="num">${fmtScore(i.score)}</td>
<td data-label="Band">${bandPill(i.band)}</td>
<td data-label="Partial">${i.partial ? html`<span class="tag warn">partial</span>` : i.finished_at ? 'no' : '–'}</td>
</tr>`,
)}
</tbody>
</table>
</section>`;
}

function filters(basePath: string, f: DashboardFilter, roles: string[]): Raw {
  const sel = (a: string | undefined, b: string) => ((a ?? '').toLowerCase() === b.toLowerCase() ? raw(' selected') : '');
  return html`<form class="card filters" method="get" action="${basePath}" aria-label="Filter interviews">
<label>Type<select name="type"><option value="">All types</option>${TYPES.map((t) => html`<option value="${t}"${sel(f.type, t)}>${TYPE_LABEL[t]}</option>`)}</select></label>
<label>Role<select name="role"><option value="">All roles</option>${roles.map((r) => html`<option value="${r}"${sel(f.role, r)}>${r}</option>`)}</select></label>
<label>From<input type="date" name="from" value="${f.from ?? ''}"></label>
<label>To<input type="date" name="to" value="${f.to ?? ''}"></label>
${f.token ? html`<input type="hidden" name="token" value="${f.token}">` : ''}
<div class="actions"><button type="submit">Apply</button>${isFiltered(f) ? html`<a href="${basePath}${tokenQuery(f.token)}">Clear</a>` : ''}</div>
</form>`;
}

function chart(id: string, label: string, wide: string | undefined, compact: string | undefined): Raw {
  if (!wide) return html``;
  return html`<figure class="card chart${compact ? ' wide' : ''}" id="${id}" style="margin:0" aria-label="${label}">${raw(wide)}</figure>${
    compact ? html`<figure class="card chart compact" id="${id}-compact" style="margin:0" aria-label="${label}">${raw(compact)}</figure>` : ''
  }`;
}

function competencyTable(s: DashboardJson): Raw {
  if (!s.competencies.length) return html``;
  return html`<section class="card" aria-labelledby="comp-h" style="margin-top:16px">
<h2 id="comp-h">Competencies</h2>
<table id="competencies">
<thead><tr><th>Competency</th><th>Trend</th><th>Latest</th><th>Average</th><th>Change</th><th>Interviews</th></tr></thead>
<tbody>
${s.competencies.map(
  (c) =>
    html`<tr><td data-label="Competency">${competencyName(c.competency)}</td><td data-label="Trend">${raw(sparklineSvg(c.points.map((p) => p.score), competencyName(c.competency)))}</td><td data-label="Latest" class="num">${c.latest.toFixed(1)}</td><td data-label="Average" class="num">${c.average.toFixed(1)}</td><td data-label="Change">${change(c.change)}</td><td data-label="Interviews">${c.points.length}</td></tr>`,
)}
</tbody>
</table>
</section>`;
}

/** The whole page: a user-id form alone, an empty state, or the user's progress. Every value is escaped. */
export function renderDashboardPage(p: DashboardPageInput): string {
  if (!p.userId) {
    return layout(
      'Interview progress',
      undefined,
      html`<section class="card empty"><h1>Your interview progress</h1>
<p class="sub">Enter the user id you practise with (the <code>user_id</code> you send to the API) and the <code>user_token</code> the start call returned to see your scores over time.</p>
<form class="user" method="get" action="/dashboard" style="justify-content:center"><input name="user_id" placeholder="e.g. test123" required maxlength="128" style="background:#fff;color:#111;border-color:#cbd5e1"><input name="token" type="password" placeholder="user token" required maxlength="1024" style="background:#fff;color:#111;border-color:#cbd5e1"><button type="submit">Show progress</button></form>
</section>`,
    );
  }
  const s = p.summary;
  const f = p.filter ?? {};
  const base = p.basePath ?? `/dashboard/${encodeURIComponent(p.userId)}`;
  if (!s || (s.totals.interviews === 0 && !(p.totalInterviews ?? 0))) {
    return layout(
      `No interviews yet · ${p.userId}`,
      p.userId,
      html`<section class="card empty"><h1>No interviews yet for “${p.userId}”</h1>
<p class="sub">Take a practice interview with Alex, by text or by voice. Your scores show up here when it ends.</p>
<p><a class="btn" id="start-interview" href="/interview?user=${encodeURIComponent(p.userId)}">Start an interview</a></p></section>`,
    );
  }
  const count = `${s.totals.interviews} interview${s.totals.interviews === 1 ? '' : 's'}`;
  return layout(
    `Progress · ${p.userId}`,
    p.userId,
    html`<h1>Progress for ${p.userId}</h1>
<p class="sub">${isFiltered(f) ? `${count} match these filters (of ${p.totalInterviews ?? s.totals.interviews})` : count} · newest first</p>
${filters(base, f, p.roles ?? [])}
${s.totals.interviews === 0
  ? html`<section class="card empty"><h2>No interviews match these filters</h2><p><a href="${base}${tokenQuery(f.token)}">Show all interviews</a></p></section>`
  : html`${stats(s)}
<section class="charts">
${chart('trend-chart', 'Score trend', p.trendSvg, p.trendSvgCompact)}
${chart('latest-chart', 'Latest interview by competency', p.latestReportSvg, p.latestReportSvgCompact)}
</section>
${interviewsTable(s, f.token)}
${competencyTable(s)}`}`,
  );
}
