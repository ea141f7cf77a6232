// A small SVG line chart of the last `capacity` samples, scaled to their maximum. No library, no canvas.
// A null sample (e.g. latency while there were no requests) leaves a gap instead of a misleading zero.

const SVG = 'http://www.w3.org/2000/svg';

export class LineChart {
  /** @param figure a figure holding an svg, a .now element for the latest value and a .max element */
  constructor(figure, { label, unit, digits = 1, capacity = 60, empty = 'no data' }) {
    this.figure = figure;
    this.label = label;
    this.unit = unit;
    this.digits = digits;
    this.capacity = capacity;
    this.empty = empty;
    this.values = [];
    this.svg = figure.querySelector('svg');
    this.svg.setAttribute('viewBox', '0 0 100 100');
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('role', 'img');
    this.line = document.createElementNS(SVG, 'path');
    this.svg.append(this.line);
  }

  push(value) {
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
    this.draw();
  }

  format(v) {
    return v == null ? this.empty : `${v.toFixed(this.digits)} ${this.unit}`;
  }

  draw() {
    const max = Math.max(0, ...this.values.filter((v) => v != null));
    const top = max > 0 ? max * 1.15 : 1;
    const step = 100 / (this.capacity - 1);
    const offset = this.capacity - this.values.length;
    let d = '';
    let pen = 'M';
    this.values.forEach((v, i) => {
      if (v == null) {
        pen = 'M';
        return;
      }
      // 'l0,0' after each point: with round caps a sample between two gaps still shows as a dot.
      d += `${pen}${((offset + i) * step).toFixed(2)},${(100 - (v / top) * 100).toFixed(2)} l0,0 `;
      pen = 'L';
    });
    this.line.setAttribute('d', d.trim());
    const now = this.format(this.values.at(-1));
    this.figure.querySelector('.now').textContent = now;
    this.figure.querySelector('.max').textContent = `max ${this.format(max)}`;
    // Tests and scrapers read these; people read the figure's text.
    this.figure.dataset.points = String(this.values.length);
    this.figure.dataset.max = String(max);
    this.svg.setAttribute('aria-label', `${this.label} over the last ${this.values.length} samples: now ${now}, `
      + `max ${this.format(max)}`);
  }
}
