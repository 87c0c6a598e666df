/** The dashboard's stylesheet: inline (one request, CSP-friendly), band colours shared with the charts. */
export const DASHBOARD_CSS = `
@font-face{font-family:"DejaVu Sans";src:local("DejaVu Sans"),url("/dashboard/assets/DejaVuSans.ttf") format("truetype");font-weight:400}
@font-face{font-family:"DejaVu Sans";src:local("DejaVu Sans Bold"),local("DejaVuSans-Bold"),url("/dashboard/assets/DejaVuSans-Bold.ttf") format("truetype");font-weight:700}
:root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f5f7fb;--card:#fff;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header.top{background:#0f172a;color:#fff}
header.top .wrap{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:14px 24px;flex-wrap:wrap}
.brand{font-weight:700;font-size:17px;letter-spacing:.2px;color:#fff;text-decoration:none}
.brand span{color:#93c5fd;font-weight:600}
form.user{display:flex;gap:8px}
form.user input{padding:8px 12px;border-radius:8px;border:1px solid #334155;background:#1e293b;color:#fff;min-width:220px;font:inherit}
form.user input::placeholder{color:#94a3b8}
button,.btn{padding:8px 14px;border-radius:8px;border:0;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.wrap{max-width:1080px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:8px 0 4px}
h2{font-size:18px;margin:0 0 12px}
.sub{color:var(--muted);margin:0 0 20px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:16px;margin-bottom:20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px;box-shadow:0 1px 2px rgba(15,23,42,.04)}
.stat .label{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.06em}
.stat .value{font-size:28px;font-weight:700;margin-top:4px}
.stat .hint{color:var(--muted);font-size:13px}
.charts{display:grid;grid-template-columns:1fr;gap:16px;margin-bottom:20px}
.chart svg{display:block;width:100%;height:auto}
.chart{padding:0;overflow:hidden;border:0;background:transparent;box-shadow:none}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
tbody tr:last-child td{border-bottom:0}
td.num{font-variant-numeric:tabular-nums;font-weight:600}
.pill{display:inline-block;padding:2px 10px;border-radius:999px;font-size:13px;font-weight:600;color:#fff;white-space:nowrap}
.tag{display:inline-block;padding:1px 8px;border-radius:6px;font-size:12px;background:#f3f4f6;color:#374151}
.tag.warn{background:#fef3c7;color:#92400e}
.up{color:#15803d;font-weight:600}.down{color:#dc2626;font-weight:600}.flat{color:var(--muted)}
.empty{text-align:center;padding:48px 24px}
.empty h1{margin-top:0}
code{background:#f3f4f6;padding:2px 6px;border-radius:6px;font-size:13px}
pre{background:#0f172a;color:#e2e8f0;padding:14px 16px;border-radius:10px;overflow:auto;text-align:left;font-size:13px}
footer{color:var(--muted);font-size:13px;padding:8px 24px 32px;max-width:1080px;margin:0 auto}
a{color:var(--accent)}
.btn{display:inline-block;text-decoration:none}
.navlink{color:#bfdbfe;font-weight:600;text-decoration:none}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin-bottom:20px}
form.filters label{display:flex;flex-direction:column;font-size:13px;font-weight:600;color:var(--muted);gap:4px;min-width:140px;flex:1}
form.filters select,form.filters input{font:inherit;font-weight:400;color:var(--ink);padding:7px 10px;border:1px solid #cbd5e1;border-radius:8px;background:#fff;width:100%}
form.filters .actions{display:flex;gap:12px;align-items:center}
.chart.compact{display:none}
svg.spark{display:block}
td a{font-weight:600;text-decoration:none}
@media (max-width:640px){
.wrap{padding:16px 12px}
header.top .wrap{padding:12px}
form.user{width:100%}form.user input{min-width:0;flex:1}
.chart.wide{display:none}.chart.compact{display:block}
.cards{grid-template-columns:1fr 1fr;gap:10px}
.stat .value{font-size:22px}
form.filters label{min-width:calc(50% - 6px)}
table.stack thead{display:none}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border-bottom:1px solid var(--line);padding:8px 0}
table.stack tbody tr:last-child{border-bottom:0}
table.stack td{border:0;padding:3px 0;display:flex;justify-content:space-between;gap:12px;align-items:center}
#competencies th,#competencies td{padding:8px 4px}
svg.spark{width:84px;height:auto}
#competencies th:nth-child(4),#competencies td:nth-child(4),#competencies th:nth-child(6),#competencies td:nth-child(6){display:none}
table.stack td::before{content:attr(data-label);color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
}
`;
