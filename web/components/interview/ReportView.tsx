import type { InterviewApi, ReportView as ReportData } from '../../services/interviewApi.ts';

const fmt = (s: number | null) => (s === null ? '–' : `${s.toFixed(1)} / 5`);

export interface ReportViewProps {
  api: InterviewApi;
  data: ReportData;
  onNew?: () => void;
}

/** The end-of-interview feedback: overall score and band, chart, and per question the evidence. */
export function ReportView({ api, data, onNew }: ReportViewProps) {
  const r = data.report;
  return (
    <section className="card report" aria-labelledby="report-h">
      <h2 id="report-h" tabIndex={-1}>Your interview feedback</h2>
      <div className="overall">
        <div className="score">{fmt(r.overall.score)}</div>
        <div>
          <div className={`band band-${r.overall.band}`}>{r.overall.label}</div>
          {r.partial && <div className="tag warn">partial: the interview ended early</div>}
        </div>
      </div>
      <p>{r.summary}</p>
      <picture>
        <source media="(max-width: 640px)" srcSet={api.link(`${data.chart_url}?width=compact`)} />
        <img className="chart" src={api.link(data.chart_url)} alt={`Scores by competency: ${r.competencies.map((c) => `${c.competency} ${c.score.toFixed(1)}`).join(', ')}`} />
      </picture>
      <div className="two">
        <div>
          <h3>Strengths</h3>
          <ul>{r.strengths.length ? r.strengths.map((s, i) => <li key={i}>{s}</li>) : <li>Not enough evidence yet.</li>}</ul>
        </div>
        <div>
          <h3>To improve</h3>
          <ul>{r.improvements.length ? r.improvements.map((s, i) => <li key={i}>{s}</li>) : <li>Nothing stood out.</li>}</ul>
        </div>
      </div>
      <h3>Question by question</h3>
      <ol className="questions">
        {r.questions.map((q) => (
          <li key={q.id}>
            <div className="qhead">
              <span className="qtext">{q.question}</span>
              <span className="qscore">{q.status === 'answered' ? fmt(q.score) : q.status}</span>
            </div>
            {q.evidence.length > 0 && (
              <div className="evidence">
                <span className="label">You said:</span>
                {q.evidence.map((e, i) => (
                  <blockquote key={i}>“{e}”</blockquote>
                ))}
              </div>
            )}
            {q.improvements.length > 0 && <p className="improve">{q.improvements.join(' ')}</p>}
            {(data.strong_answers[q.id]?.length ?? 0) > 0 && (
              <div className="strong">
                <span className="label">A strong answer would include:</span>
                <ul>{data.strong_answers[q.id]!.map((s, i) => <li key={i}>{s}</li>)}</ul>
              </div>
            )}
          </li>
        ))}
      </ol>
      <p className="links">
        <a href={api.link(data.dashboard_url)}>Open your dashboard</a>
        <a href={api.link(data.report_url)}>Printable report</a>
        {onNew && (
          <button type="button" onClick={onNew}>
            Start a new interview
          </button>
        )}
      </p>
    </section>
  );
}
