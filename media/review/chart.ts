const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/**
 * "Is it working?": the mentee's rating of each session (1–5), oldest to newest, as a small line
 * chart in the theme's colors; unrated sessions leave a gap. Text alternative in the title.
 */
export function ratingChart(series: readonly { date: string; rating?: number; mentorRating?: number }[]): SVGSVGElement {
  const width = 320;
  // The plot, then a line of dates below it.
  const plot = 90;
  const height = 104;
  const pad = 14;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'rating-chart', role: 'img' });
  const rated = series.filter((s) => s.rating !== undefined);
  const title = svg('title', {});
  title.textContent = rated.length === 0 ? 'No session rated yet' : `Ratings per session, oldest first: ${series.map((s) => (s.rating === undefined ? 'not rated' : `${s.rating}`)).join(', ')}`;
  chart.append(title);
  chart.setAttribute('aria-label', title.textContent);
  for (let level = 1; level <= 5; level++) {
    const y = yOf(level, plot, pad);
    chart.append(svg('line', { x1: pad, x2: width - pad / 2, y1: y, y2: y, class: 'grid' }));
    const label = svg('text', { x: 2, y: y + 3, class: 'axis' });
    label.textContent = String(level);
    chart.append(label);
  }
  const step = series.length > 1 ? (width - pad * 1.5) / (series.length - 1) : 0;
  const commands: string[] = [];
  let previousRated = false;
  series.forEach((point, index) => {
    if (point.rating === undefined) {
      previousRated = false;
      return;
    }
    const x = pad + step * index;
    const y = yOf(point.rating, plot, pad);
    commands.push(`${previousRated ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`);
    previousRated = true;
    const dot = svg('circle', { cx: x, cy: y, r: 3, class: 'point' });
    const tip = svg('title', {});
    tip.textContent = `${point.date}: ${point.rating}/5`;
    dot.append(tip);
    chart.append(dot);
  });
  // The dates of the first and last session, under the axis.
  const first = series[0];
  const last = series[series.length - 1];
  if (first) chart.append(dateLabel(first.date, pad, height, 'start'));
  if (last && series.length > 1) chart.append(dateLabel(last.date, width - pad / 2, height, 'end'));
  if (commands.length > 0) chart.insertBefore(svg('path', { d: commands.join(' '), class: 'line' }), chart.querySelector('circle'));
  return chart;
}

function yOf(rating: number, height: number, pad: number): number {
  return height - pad - ((rating - 1) / 4) * (height - pad * 2);
}

/** Sessions held against planned, as a labeled progress bar. */
export function progressBar(held: number, planned: number | undefined): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'progress';
  const label = document.createElement('span');
  label.textContent = planned ? `${held} of ${planned} sessions held` : `${held} sessions held`;
  const bar = document.createElement('progress');
  bar.max = planned ?? Math.max(held, 1);
  bar.value = Math.min(held, bar.max);
  bar.setAttribute('aria-label', label.textContent);
  wrapper.append(label, bar);
  return wrapper;
}

function dateLabel(date: string, x: number, height: number, anchor: 'start' | 'end'): SVGElement {
  const label = svg('text', { x, y: height - 2, class: 'axis', 'text-anchor': anchor });
  label.textContent = date;
  return label;
}
