import { BAND_LABEL } from '../../engine/feedback/report.ts';
import type { Band } from '../../engine/types.ts';
import { BAND_COLOR } from '../../render/chart.ts';
import { competencyName, TYPE_LABEL } from '../../render/labels.ts';
import type { DashboardJson } from '../schemas.ts';
import { html, raw, type Raw } from './html.ts';
import { DASHBOARD_CSS } from './styles.ts';

export interface DashboardPageInput {
  userId?: string;
  summary?: DashboardJson;
  /** SVG from the shared chart renderer (the same one chat reports use). */
  trendSvg?: string;
  latestReportSvg?: string;
  /** Where this server answers (scheme://host:port as the browser reached it), for the curl example. */
  origin?: string;
}

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

function interviewsTable(s: DashboardJson): Raw {
  return html`<section class="card" aria-labelledby="interviews-h">
<h2 id="interviews-h">Interviews</h2>
<table id="interviews">
<thead><tr><th>Date</th><th>Type</th><th>Role</th><th>Score</th><th>Band</th><th>Partial</th></tr></thead>
<tbody>
${s.interviews.map(
  (i) => html`<tr data-session="${i.session_id}">
<td><time datetime="${i.finished_at ?? i.started_at}">${fmtDate(i.finished_at ?? i.started_at)}</time></td>
<td>${TYPE_LABEL[i.type]}</td>
<td>${i.role} <span class="tag">${i.level}</span></td>
<td class="num">${fmtScore(i.score)}</td>
<td>${bandPill(i.band)}</td>
<td>${i.partial ? html`<span class="tag warn">partial</span>` : i.finished_at ? 'no' : '–'}</td>
</tr>`,
)}
</tbody>
</table>
</section>`;
}

function competencyTable(s: DashboardJson): Raw {
  if (!s.competencies.length) return html``;
  return html`<section class="card" aria-labelledby="comp-h" style="margin-top:16px">
<h2 id="comp-h">Competencies</h2>
<table id="competencies">
<thead><tr><th>Competency</th><th>Latest</th><th>Average</th><th>Change</th><th>Interviews</th></tr></thead>
<tbody>
${s.competencies.map(
  (c) => html`<tr><td>${competencyName(c.competency)}</td><td class="num">${c.latest.toFixed(1)}</td><td class="num">${c.average.toFixed(1)}</td><td>${change(c.change)}</td><td>${c.points.length}</td></tr>`,
)}
</tbody>
</table>
</section>`;
}

const START_EXAMPLE = (userId: string, origin = 'http://localhost:8000') =>
  `curl -X POST ${origin}/api/interview/screening/start \\\n  -H "Content-Type: application/json" \\\n  -d '${JSON.stringify({ user_id: userId })}'`;

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
  if (!s || s.totals.interviews === 0) {
    return layout(
      `No interviews yet · ${p.userId}`,
      p.userId,
      html`<section class="card empty"><h1>No interviews yet for “${p.userId}”</h1>
<p class="sub">Finish an interview and your scores will show up here.</p>
<pre>${START_EXAMPLE(p.userId, p.origin)}</pre></section>`,
    );
  }
  return layout(
    `Progress · ${p.userId}`,
    p.userId,
    html`<h1>Progress for ${p.userId}</h1>
<p class="sub">${s.totals.interviews} interview${s.totals.interviews === 1 ? '' : 's'} · newest first</p>
${stats(s)}
<section class="charts">
${p.trendSvg ? html`<figure class="card chart" id="trend-chart" style="margin:0" aria-label="Score trend">${raw(p.trendSvg)}</figure>` : ''}
${p.latestReportSvg ? html`<figure class="card chart" id="latest-chart" style="margin:0" aria-label="Latest interview by competency">${raw(p.latestReportSvg)}</figure>` : ''}
</section>
${interviewsTable(s)}
${competencyTable(s)}`,
  );
}
