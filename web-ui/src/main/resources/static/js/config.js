// The configuration in force, from the admin API, as one row per leaf key (git.limits.max-images = 16).
import { getJson, getKey } from './api.js';
import { bindKeyForm } from './key.js';

const table = document.getElementById('config');
const status = document.getElementById('status');

/** [dotted key, value] for every leaf, keys as YAML spells them (max-images, not max_images). */
function flatten(value, prefix, rows) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}.${k.replaceAll('_', '-')}`, rows);
  } else {
    rows.push([prefix, Array.isArray(value) ? `[${value.join(', ')}]` : String(value ?? '')]);
  }
  return rows;
}

async function load() {
  table.hidden = true;
  if (!getKey()) {
    status.textContent = 'Enter the admin key to see the configuration.';
    return;
  }
  status.textContent = 'Loading…';
  try {
    const rows = flatten(await getJson('/api/v1/admin/config'), 'git', []);
    table.tBodies[0].replaceChildren(...rows.map(([key, value]) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      const code = document.createElement('code');
      code.textContent = key;
      th.append(code);
      const td = document.createElement('td');
      td.textContent = value === '' ? '(empty)' : value;
      tr.append(th, td);
      return tr;
    }));
    table.hidden = false;
    status.textContent = `${rows.length} settings.`;
  } catch (e) {
    status.textContent = `Could not read the configuration: ${e.message}`;
  }
}

bindKeyForm(document.getElementById('key-form'), load);
load();
