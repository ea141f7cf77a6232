// Calls to the platform's API: the key from sessionStorage as X-API-Key, RFC 9457 problems as errors,
// and a server-sent-events reader over fetch (EventSource can neither POST nor send a key header).

const KEY = 'git-platform.key';

export const getKey = () => sessionStorage.getItem(KEY) || '';

export function setKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/** An error answer, with the problem's status, title and detail. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
  }
}

/** fetch with the key; a JSON body when `json` is given; throws ApiError on a non-2xx answer. */
export async function request(path, { method = 'GET', json, body, signal, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  const key = getKey();
  if (key) headers['X-API-Key'] = key;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers, body, signal });
  if (!response.ok) throw await problem(response);
  return response;
}

export const getJson = async (path, options) => (await request(path, options)).json();

async function problem(response) {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail = '';
  try {
    const p = await response.json();
    // RFC 9457 problem (/api/**) or OpenAI's error object (/v1/**)
    title = p.title || p.error?.code || title;
    detail = p.detail || p.error?.message || '';
  } catch {
    // not a problem document
  }
  if (response.status === 401 || response.status === 403) {
    detail = `${detail} (enter the key in the key field)`.trim();
  }
  return new ApiError(response.status, title, detail);
}

/** Reads a text/event-stream body, calling onEvent({event, data, id}) per event. */
export async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = { event: 'message', data: '', id: null };
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue; // blank or a comment
        const field = line.slice(0, colon);
        const text = line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(text);
        else if (field === 'event') event.event = text;
        else if (field === 'id') event.id = text;
      }
      event.data = data.join('\n');
      onEvent(event);
    }
  }
}

export function formatBytes(n) {
  if (n == null || n < 0) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export function formatDuration(ms) {
  const s = Math.floor(ms / 1000);
  const parts = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'], [Math.floor(s / 60) % 60, 'min'],
    [s % 60, 's']];
  const first = parts.findIndex(([v]) => v > 0);
  return first < 0 ? '0 s' : parts.slice(first, first + 2).map(([v, u]) => `${v} ${u}`).join(' ');
}

/** Replaces an element's children with a definition list of [term, value] pairs. */
export function renderFacts(dl, pairs) {
  dl.replaceChildren(...pairs.flatMap(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value ?? 'n/a';
    return [dt, dd];
  }));
}
