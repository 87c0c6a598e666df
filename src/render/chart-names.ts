/** File names chat payloads point at (`attachment://scores.png`); kept apart so payload code needs no renderer. */
export const REPORT_CHART_NAME = 'scores.png';
export const TREND_CHART_NAME = 'trend.png';
