import type { ProgramCharts } from '../core/programView';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * The CSP of the charts page: stricter than the review's, as the page runs no script at all —
 * the charts are SVG drawn here; the one stylesheet carries the nonce.
 */
export function programCsp(nonce: string): string {
  return ["default-src 'none'", "script-src 'none'", `style-src 'nonce-${nonce}'`, "img-src 'none'", "font-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'", "connect-src 'none'"].join('; ');
}

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 150;
const CHART_WIDTH = 560;

/** A horizontal bar chart as SVG: bars sized by attributes (no inline style, which the CSP forbids). */
function barChart(title: string, bars: readonly { label: string; value: number }[], id: string): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 50;
  const height = Math.max(1, bars.length) * BAR_HEIGHT + 4;
  const rows = bars
    .map((bar, i) => {
      const y = i * BAR_HEIGHT + 2;
      const width = Math.round((bar.value / max) * barSpace);
      return (
        `<g class="bar" data-label="${escapeHtml(bar.label)}" data-value="${bar.value}">` +
        `<text x="0" y="${y + 15}">${escapeHtml(bar.label)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${BAR_HEIGHT - 6}" rx="2"></rect>` +
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${bar.value}</text></g>`
      );
    })
    .join('');
  const empty = bars.length === 0 ? '<p class="empty">Nothing published yet.</p>' : '';
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${empty}<svg role="img" aria-label="${escapeHtml(title)}" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">${rows}</svg></section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
svg rect { fill: var(--vscode-charts-blue, #3794ff); }
#states svg rect { fill: var(--vscode-charts-orange, #d18616); }
#ratings svg rect { fill: var(--vscode-charts-green, #89d185); }
.note, .empty { color: var(--vscode-descriptionForeground); }
`;

/** The program's charts: sessions per month, rating distribution, relationships by state. */
export function programHtml(charts: ProgramCharts, nonce: string): string {
  const ratingsNote =
    charts.sharingRatings === 0
      ? 'No relationship shares ratings (both people must agree).'
      : `Mentee ratings of the ${charts.sharingRatings} relationship${charts.sharingRatings === 1 ? '' : 's'} whose two people agreed to share them.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${programCsp(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style>
<title>Mentorship Program</title>
</head>
<body>
<h1>Mentorship program</h1>
<p class="note">${charts.relationships} relationship${charts.relationships === 1 ? '' : 's'} publish a summary. Only numbers are shown: nobody's notes are read.</p>
${barChart('Sessions per month', charts.sessionsPerMonth.map((m) => ({ label: m.month, value: m.sessions })), 'sessions')}
${barChart('Rating distribution', charts.sharingRatings === 0 ? [] : charts.ratingDistribution.map((r) => ({ label: `${r.rating} of 5`, value: r.count })), 'ratings')}
<p class="note">${escapeHtml(ratingsNote)}</p>
${barChart('Relationships by state', charts.byState.map((s) => ({ label: s.state, value: s.count })), 'states')}
</body>
</html>`;
}
