// The dashboard: polls /api/v1/ui/summary every 2 s and turns its cumulative counters into rates for the charts.
import { getJson, formatBytes, formatDuration, renderFacts } from './api.js';
import { LineChart } from './chart.js';

const POLL_MS = 2000;
const $ = (id) => document.getElementById(id);
const charts = {
  rate: new LineChart($('chart-rate'), { label: 'Requests per second', unit: 'req/s', digits: 2 }),
  latency: new LineChart($('chart-latency'), { label: 'Mean latency', unit: 'ms', digits: 0, empty: 'no requests' }),
  tokens: new LineChart($('chart-tokens'), { label: 'Tokens per second', unit: 'tok/s', digits: 1 }),
};
let previous = null;

function showModel(m) {
  if (!m.name) {
    renderFacts($('model'), [['State', m.state]]);
    renderFacts($('backend'), [['State', m.state]]);
    return;
  }
  renderFacts($('model'), [
    ['Name', m.name],
    ['Source', m.source],
    ['Parameters', `${(m.parameters / 1e6).toFixed(2)} M`],
    ['Data type', m.dtype],
    ['Frames per video', m.frames],
    ['Input size', m.image_size],
    ['Decoder', `${m.layers} layers × ${m.hidden_size}`],
    ['State', m.state],
  ]);
  renderFacts($('backend'), [
    ['Backend', m.backend.id],
    ['Engine', m.backend.engine],
    ['Device', m.backend.device],
    ['Threads', m.backend.threads],
  ]);
  if (m.plugins.length === 0) {
    $('plugins').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No plugins loaded.' }));
    return;
  }
  $('plugins').replaceChildren(...m.plugins.map((p) => {
    const li = document.createElement('li');
    li.dataset.state = p.state;
    li.textContent = `${p.id} ${p.version}: `;
    const state = document.createElement('span');
    state.className = `state-${p.state.toLowerCase()}`;
    state.textContent = p.state.toLowerCase();
    li.append(state);
    return li;
  }));
}

function showMemory(s) {
  const mem = s.memory;
  renderFacts($('memory'), [
    ['Uptime', formatDuration(s.uptime_ms)],
    ['Process (RSS)', formatBytes(mem.process_rss)],
    ['Heap', `${formatBytes(mem.heap_used)} of ${formatBytes(mem.heap_max)}`],
    ['Off-heap buffers', `${formatBytes(mem.direct_buffers)} direct, ${formatBytes(mem.mapped_buffers)} mapped`],
  ]);
  $('heap').value = mem.heap_max > 0 ? mem.heap_used / mem.heap_max : 0;
}

function showTraffic(s) {
  const t = s.traffic;
  renderFacts($('totals'), [
    ['Requests', t.requests],
    ['Errors', t.errors],
    ['Tokens generated', t.tokens],
  ]);
  if (previous) {
    const seconds = Math.max((s.time - previous.time) / 1000, 0.001);
    const requests = t.requests - previous.traffic.requests;
    charts.rate.push(requests / seconds);
    charts.latency.push(requests > 0 ? (t.latency_total_ms - previous.traffic.latency_total_ms) / requests : null);
    charts.tokens.push((t.tokens - previous.traffic.tokens) / seconds);
  }
  previous = s;
}

async function poll() {
  try {
    const s = await getJson('/api/v1/ui/summary');
    showModel(s.model);
    showMemory(s);
    showTraffic(s);
    $('status').textContent = '';
  } catch (e) {
    $('status').textContent = `Could not read the summary: ${e.message}`;
  }
  setTimeout(poll, POLL_MS);
}

poll();
