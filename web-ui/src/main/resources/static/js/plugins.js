// The plugins, with enable, disable, reload and a rescan of the plugins folder: all through the admin API, so all
// need the admin key. Task and backend ids two plugins offer are shown on both rows.
import { getJson, getKey } from './api.js';
import { bindKeyForm } from './key.js';

const BASE = '/api/v1/admin/plugins';
const table = document.getElementById('plugins');
const status = document.getElementById('status');

const cell = (text) => {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
};

function row(p) {
  const tr = document.createElement('tr');
  tr.dataset.plugin = p.id;
  tr.dataset.state = p.state;
  const name = document.createElement('th');
  name.scope = 'row';
  name.textContent = p.id;
  if (p.description) {
    const d = document.createElement('div');
    d.className = 'muted';
    d.textContent = p.description;
    name.append(d);
  }
  const state = cell(p.state.toLowerCase());
  state.className = `state-${p.state.toLowerCase()}`;
  if (p.last_error) {
    const e = document.createElement('div');
    e.className = 'error';
    e.textContent = p.last_error;
    state.append(e);
  }
  for (const c of p.conflicts || []) {
    const e = document.createElement('div');
    e.className = c.served_by ? 'warn conflict' : 'error conflict';
    e.textContent = `Conflict: ${c.message}`;
    state.append(e);
  }
  const serves = [...(p.tasks || []).map((t) => `task ${t}`), ...(p.backends || []).map((b) => `backend ${b}`)];
  const actions = document.createElement('td');
  const box = document.createElement('div');
  box.className = 'actions';
  const started = p.state === 'STARTED';
  for (const action of ['enable', 'disable', 'reload']) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = action[0].toUpperCase() + action.slice(1);
    b.setAttribute('aria-label', `${b.textContent} ${p.id}`);
    b.dataset.action = action;
    b.disabled = (action === 'enable' && started) || (action === 'disable' && p.state === 'DISABLED');
    b.addEventListener('click', () => act(p.id, action));
    box.append(b);
  }
  actions.append(box);
  tr.append(name, cell(p.version), state, cell((p.extension_points || []).join(', ') || '—'),
    cell(serves.join(', ') || '—'), actions);
  return tr;
}

async function act(id, action) {
  status.textContent = `${action} ${id}…`;
  try {
    const p = await getJson(`${BASE}/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    await load();
    status.textContent = `${id}: ${action} done, now ${p.state.toLowerCase()}.`;
  } catch (e) {
    status.textContent = `${id}: ${action} failed: ${e.message}`;
  }
}

async function rescan() {
  status.textContent = 'Rescanning the plugins folder…';
  try {
    const r = await getJson(`${BASE}/rescan`, { method: 'POST' });
    show(r.plugins);
    const failed = Object.entries(r.failed || {}).map(([jar, why]) => `${jar} (${why})`);
    const parts = [
      r.loaded.length ? `loaded ${r.loaded.join(', ')}` : '',
      r.unloaded.length ? `unloaded ${r.unloaded.join(', ')}` : '',
      failed.length ? `refused ${failed.join('; ')}` : '',
    ].filter(Boolean);
    status.textContent = `Rescan done: ${parts.length ? parts.join('; ') : 'nothing changed'}.`;
  } catch (e) {
    status.textContent = `Rescan failed: ${e.message}`;
  }
}

function show(plugins) {
  table.tBodies[0].replaceChildren(...plugins.map(row));
  table.hidden = false;
}

async function load() {
  table.hidden = true;
  if (!getKey()) {
    status.textContent = 'Enter the admin key to see and manage the plugins.';
    return;
  }
  try {
    const body = await getJson(BASE);
    const plugins = Array.isArray(body) ? body : body.plugins;
    show(plugins);
    status.textContent = `${plugins.length} plugin${plugins.length === 1 ? '' : 's'}.`;
  } catch (e) {
    status.textContent = `Could not list the plugins: ${e.message}`;
  }
}

bindKeyForm(document.getElementById('key-form'), load);
document.getElementById('rescan').addEventListener('click', rescan);
load();
