import { TYPE_LABEL } from '../../render/labels.ts';
import { html, raw, type Raw } from '../dashboard/html.ts';
import { DASHBOARD_CSS } from '../dashboard/styles.ts';
import type { ReportViewJson } from './view.ts';

const fmt = (s: number | null) => (s === null ? '–' : `${s.toFixed(1)} / 5`);
const dateFmt = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false });

const REPORT_CSS = `
.overall{display:flex;align-items:center;gap:16px;flex-wrap:wrap}.overall .score{font-size:40px;font-weight:800}
.band{display:inline-block;padding:3px 12px;border-radius:999px;color:#fff;font-weight:700}
ol.q{padding-left:20px}ol.q>li{margin-bottom:18px;break-inside:avoid}
.qhead{display:flex;justify-content:space-between;gap:12px;font-weight:600}.qscore{white-space:nowrap}
blockquote{margin:4px 0;padding:4px 10px;border-left:3px solid #93c5fd;font-style:italic;overflow-wrap:anywhere}
.label{font-size:13px;color:var(--muted);font-weight:600}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:8px 20px}
figure.chart svg{width:100%;height:auto;display:block}
.links{display:flex;gap:16px;flex-wrap:wrap}.links a{color:var(--accent);font-weight:600}
@media print{.chart.compact{display:none!important}.chart.wide{display:block!important}header.top,.links,footer{display:none}body{background:#fff}.card{border:0;box-shadow:none;padding:0}}
`;

const BAND_BG: Record<string, string> = { strong: '#15803d', solid: '#2563eb', developing: '#d97706', 'needs-work': '#dc2626' };

/**
 * One report as a printable page. `chartSvg` is our own chart (escaped when built), with a
 * narrow version for phones; `tokenQuery` keeps the owner's token on links.
 */
export function renderReportPage(v: ReportViewJson, chartSvg: string, tokenQuery = '', chartSvgCompact?: string): string {
  const r = v.report;
  const title = `${TYPE_LABEL[r.type]} interview feedback`;
  const list = (items: string[], empty: string): Raw => html`<ul>${items.length ? items.map((s) => html`<li>${s}</li>`) : html`<li>${empty}</li>`}</ul>`;
  const finished = `${dateFmt.format(new Date(r.finishedAt))} UTC`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><style>${raw(DASHBOARD_CSS)}${raw(REPORT_CSS)}</style></head>
<body>
<header class="top"><div class="wrap"><a class="brand" href="/interview">Interview coach <span>· report</span></a></div></header>
<main class="wrap">
<section class="card" aria-labelledby="report-h">
<h1 id="report-h">${title}</h1>
<p class="sub">${r.role} · ${r.level} · ${finished}</p>
<div class="overall"><div class="score">${fmt(r.overall.score)}</div><span class="band" style="background:${BAND_BG[r.overall.band] ?? '#6b7280'}">${r.overall.label}</span>${r.partial ? html`<span class="tag warn">partial: the interview ended early</span>` : ''}</div>
<p>${r.summary}</p>
<figure class="chart wide" style="margin:0">${raw(chartSvg)}</figure>
${chartSvgCompact ? html`<figure class="chart compact" style="margin:0">${raw(chartSvgCompact)}</figure>` : ''}
<div class="two"><div><h2>Strengths</h2>${list(r.strengths, 'Not enough evidence yet.')}</div><div><h2>To improve</h2>${list(r.improvements, 'Nothing stood out.')}</div></div>
<h2>Question by question</h2>
<ol class="q">${r.questions.map((q) => {
    const x = q;
    const strong = v.strong_answers[q.id] ?? [];
    return html`<li><div class="qhead"><span>${q.question}</span><span class="qscore">${q.status === 'answered' ? fmt(q.score) : q.status}</span></div>
${x.evidence?.length ? html`<div><span class="label">You said:</span>${x.evidence.map((e) => html`<blockquote>“${e}”</blockquote>`)}</div>` : ''}
${x.improvements?.length ? html`<p>${x.improvements.join(' ')}</p>` : ''}
${strong.length ? html`<div><span class="label">A strong answer would include:</span>${list(strong, '')}</div>` : ''}</li>`;
  })}</ol>
<p class="links"><a href="${v.dashboard_url}${tokenQuery}">Open your dashboard</a><a href="/interview">Practise again</a></p>
</section>
</main>
</body></html>`.value;
}
