// Try it: an upload's frames as thumbnails, then caption (streamed, or as a job with progress), ask and classify.
// Streaming goes through the OpenAI endpoint with the frames as data URLs, so the upload is decoded only once for it.
import { request, getJson, readEvents, formatBytes } from './api.js';
import { bindKeyForm } from './key.js';
import { renderOptions, appendOptions } from './task-form.js';

const $ = (id) => document.getElementById(id);
const buttons = [$('caption-stream'), $('caption-job'), $('task-job'),
  ...document.querySelectorAll('form:not(#key-form) button')];
let file = null;
let frames = [];
let job = null;

bindKeyForm($('key-form'));

// --- upload ---------------------------------------------------------------------------------------------------------

$('file').addEventListener('change', () => $('file').files[0] && choose($('file').files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer.files[0]) choose(e.dataTransfer.files[0]);
});
// A file dropped beside the zone must not replace the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

async function choose(chosen) {
  file = chosen;
  frames = [];
  buttons.forEach((b) => { b.disabled = true; });
  clearTimeline();
  for (const id of ['frames', 'caption', 'answer', 'answers', 'bars', 'task-text', 'task-answers', 'task-bars']) {
    $(id).replaceChildren();
  }
  for (const id of ['caption-status', 'ask-status', 'classify-status', 'task-status']) $(id).textContent = '';
  $('progress-label').hidden = true;
  $('upload-status').textContent = `Decoding ${file.name} (${formatBytes(file.size)})…`;
  try {
    const body = new FormData();
    body.append('file', file);
    const view = await getJson('/api/v1/ui/frames', { method: 'POST', body });
    frames = view.frames;
    showFrames(view);
    $('upload-status').textContent = `${file.name}: ${view.kind} (${view.format}), ${frames.length} `
      + `frame${frames.length === 1 ? '' : 's'} sampled.`;
    buttons.forEach((b) => { b.disabled = false; });
  } catch (e) {
    $('upload-status').textContent = `Could not read ${file.name}: ${e.message}`;
  }
}

function showFrames(view) {
  $('frames').replaceChildren(...view.frames.map((f, i) => {
    const li = document.createElement('li');
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.src = f.data_url;
    img.width = f.width;
    img.height = f.height;
    const when = `${f.timestamp.toFixed(2)} s`;
    img.alt = view.kind === 'video' ? `Frame ${i + 1} of ${view.frames.length}: source frame ${f.index} at ${when}`
      : 'The image';
    const caption = document.createElement('figcaption');
    caption.textContent = view.kind === 'video' ? `#${f.index} · ${when}` : `${f.width}×${f.height}`;
    figure.append(img, caption);
    li.append(figure);
    return li;
  }));
}

// --- streaming through /v1/chat/completions ---------------------------------------------------------------------------

/** Streams the model's text about the frames (a caption without a question) into `output`; resolves to it. */
async function stream(question, output) {
  const content = frames.map((f) => ({ type: 'image_url', image_url: { url: f.data_url } }));
  if (question) content.push({ type: 'text', text: question });
  const response = await request('/v1/chat/completions', {
    method: 'POST',
    accept: 'text/event-stream',
    json: { model: 'default', stream: true, messages: [{ role: 'user', content }] },
  });
  let text = '';
  let finish = null;
  await readEvents(response, ({ data }) => {
    if (!data || data === '[DONE]') return;
    const chunk = JSON.parse(data);
    if (chunk.error) throw new Error(chunk.error.message);
    const choice = chunk.choices?.[0];
    if (choice?.delta?.content) {
      text += choice.delta.content;
      output.append(choice.delta.content); // appended, so the live region announces only the new words
    }
    finish = choice?.finish_reason ?? finish;
  });
  return { text, finish };
}

async function run(button, statusEl, work) {
  button.disabled = true;
  statusEl.textContent = 'Working…';
  try {
    statusEl.textContent = await work();
  } catch (e) {
    statusEl.textContent = `Failed: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

$('caption-stream').addEventListener('click', () => run($('caption-stream'), $('caption-status'), async () => {
  $('caption').replaceChildren();
  $('progress-label').hidden = true;
  const { finish } = await stream(null, $('caption'));
  return `Done (finish reason: ${finish}).`;
}));

$('ask-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const question = e.target.elements.question.value.trim();
  if (!question) return;
  run(e.target.querySelector('button'), $('ask-status'), async () => {
    $('answer').replaceChildren();
    const { text } = await stream(question, $('answer'));
    const li = document.createElement('li');
    li.textContent = `${question} → ${text}`;
    $('answers').prepend(li);
    return 'Answered.';
  });
});

// --- caption as a job: progress from the jobs API's events ----------------------------------------------------------

$('caption-job').addEventListener('click', () => run($('caption-job'), $('caption-status'), async () => {
  $('caption').replaceChildren();
  const body = new FormData();
  body.append('file', file);
  body.append('task', 'caption');
  job = { view: await getJson('/api/v1/jobs', { method: 'POST', body }), controller: new AbortController() };
  $('caption-cancel').hidden = false;
  showProgress(job.view);
  try {
    const response = await request(`/api/v1/jobs/${job.view.id}/events`, {
      accept: 'text/event-stream', signal: job.controller.signal,
    });
    await readEvents(response, ({ data }) => data && showProgress(JSON.parse(data)));
  } finally {
    $('caption-cancel').hidden = true;
  }
  const view = job.view;
  job = null;
  if (view.status === 'succeeded') {
    $('caption').textContent = view.result.caption;
    return `Job ${view.id} succeeded in ${Math.round(view.result.timings.total_ms)} ms.`;
  }
  return view.status === 'failed' ? `Job failed: ${view.error.title}: ${view.error.detail}` : `Job ${view.status}.`;
}));

function showProgress(view) {
  if (job) job.view = view;
  const bar = $('progress');
  const p = view.progress;
  $('progress-label').hidden = false;
  bar.dataset.status = view.status;
  if (view.status === 'generating' && p.max_tokens > 0) {
    bar.value = Math.min(p.tokens_generated / p.max_tokens, 1);
    $('progress-text').textContent = `Generating: ${p.tokens_generated} of at most ${p.max_tokens} tokens`;
  } else if (view.status === 'succeeded') {
    bar.value = 1;
    $('progress-text').textContent = 'Done';
  } else if (['queued', 'decoding'].includes(view.status)) {
    bar.removeAttribute('value'); // indeterminate until the frames are decoded
    $('progress-text').textContent = view.status === 'queued' ? 'Queued' : 'Decoding the video';
  } else {
    $('progress-text').textContent = view.status;
  }
}

$('caption-cancel').addEventListener('click', async () => {
  if (!job) return;
  try {
    showProgress(await getJson(`/api/v1/jobs/${job.view.id}`, { method: 'DELETE' }));
  } catch (e) {
    $('caption-status').textContent = `Could not cancel: ${e.message}`;
  }
});

// --- classify --------------------------------------------------------------------------------------------------------

$('classify-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target;
  run(form.querySelector('button'), $('classify-status'), async () => {
    const body = new FormData();
    body.append('file', file);
    body.append('labels', form.elements.labels.value);
    if (form.elements.prompt.value.trim()) body.append('prompt', form.elements.prompt.value.trim());
    const result = await getJson('/api/v1/classify', { method: 'POST', body });
    showBars(result.labels);
    return `Most likely: ${result.labels[0].label}.`;
  });
});

function showBars(labels, list = $('bars')) {
  list.replaceChildren(...labels.map(({ label, probability }) => {
    const li = document.createElement('li');
    li.dataset.label = label;
    li.dataset.probability = String(probability);
    const name = document.createElement('span');
    name.textContent = label;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.setAttribute('aria-hidden', 'true');
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.width = `${(probability * 100).toFixed(1)}%`;
    fill.style.display = 'block';
    bar.append(fill);
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = `${(probability * 100).toFixed(1)}%`;
    li.append(name, bar, value);
    return li;
  }));
}

// --- any task: the form comes from the task's option descriptors -----------------------------------------------------

let tasks = [];

async function loadTasks() {
  try {
    tasks = await getJson('/api/v1/tasks');
  } catch (e) {
    $('task-status').textContent = `Could not list the tasks: ${e.message}`;
    return;
  }
  $('task').replaceChildren(...tasks.map((t) => {
    const o = document.createElement('option');
    o.value = t.id;
    o.textContent = `${t.id} (${t.plugin})`;
    return o;
  }));
  showTask();
}

function showTask() {
  const task = tasks.find((t) => t.id === $('task').value);
  if (!task) return;
  $('task-about').textContent = `${task.description} Takes: ${task.inputs.join(' or ')}.`;
  renderOptions($('task-options'), task);
}

$('task').addEventListener('change', showTask);

// A live stream URL replaces the file (timeline only): its segments arrive as a job's events.
const streamUrl = () => $('stream-url').value.trim();
$('stream-url').addEventListener('input', () => {
  if (!file) [$('task-form-run'), $('task-job')].forEach((b) => { b.disabled = !streamUrl(); });
});

function taskBody(withTask) {
  const body = new FormData();
  if (streamUrl()) body.append('url', streamUrl());
  else body.append('file', file);
  if (withTask) body.append('task', $('task').value);
  appendOptions(body, $('task-options'));
  return body;
}

function showResult(result, task) {
  if (task === 'timeline' && streamUrl()) { // no upload to play: the segments listed as they came, and the text
    $('task-text').textContent = result.text ?? '';
    return;
  }
  if (task === 'timeline') {
    showTimeline(result.text ?? '');
    return;
  }
  $('task-text').textContent = result.text ?? result.caption ?? '';
  $('task-answers').replaceChildren(...(result.answers || []).filter((a) => a.question).map((a) => {
    const li = document.createElement('li');
    li.textContent = `${a.question} → ${a.answer}`;
    return li;
  }));
  showBars(result.labels || [], $('task-bars'));
}

$('task-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const task = $('task').value;
  run(e.target.querySelector('button[type=submit]'), $('task-status'), async () => {
    const result = await getJson(`/api/v1/tasks/${encodeURIComponent(task)}`, { method: 'POST', body: taskBody(false) });
    showResult(result, task);
    return `${task}: done in ${Math.round(result.timings.total_ms)} ms.`;
  });
});

$('task-job').addEventListener('click', () => run($('task-job'), $('task-status'), async () => {
  const task = $('task').value;
  clearTimeline();
  const view = await getJson('/api/v1/jobs', { method: 'POST', body: taskBody(true) });
  const response = await request(`/api/v1/jobs/${view.id}/events`, { accept: 'text/event-stream' });
  let last = view;
  await readEvents(response, ({ event, data }) => {
    if (!data) return;
    if (event === 'segment') { // a timeline's segment, as soon as it is captioned
      const s = JSON.parse(data);
      $('timeline').hidden = false;
      $('timeline-segments').append(segmentItem(s.start_s, s.end_s, s.caption));
    } else {
      last = JSON.parse(data);
    }
  });
  if (last.status !== 'succeeded') {
    return last.status === 'failed' ? `Job failed: ${last.error.title}: ${last.error.detail}` : `Job ${last.status}.`;
  }
  showResult(last.result, task);
  return `Job ${last.id} succeeded.`;
}));

// --- timeline: the uploaded video with the generated WebVTT as its captions track ----------------------------------

function clearTimeline() {
  const video = $('timeline-video');
  if (video.src) URL.revokeObjectURL(video.src);
  video.removeAttribute('src');
  video.replaceChildren();
  $('timeline-segments').replaceChildren();
  $('timeline').hidden = true;
}

const clock = (t) => new Date(Math.round(t * 1000)).toISOString().slice(11, 23);
const escapeCue = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Any of the task's formats as WebVTT: VTT as it is, SRT with '.' marks, JSON written out as cues.
function asVtt(text) {
  if (text.startsWith('WEBVTT')) return text;
  if (text.startsWith('[')) {
    return `WEBVTT\n\n${JSON.parse(text).map((s, i) => `${i + 1}\n${clock(s.start_s)} --> ${clock(s.end_s)}\n`
      + `${escapeCue(s.caption)}\n\n`).join('')}`;
  }
  return `WEBVTT\n\n${text.replace(/(\d\d:\d\d:\d\d),(\d{3})/g, '$1.$2')}`;
}

function segmentItem(start, end, caption) {
  const li = document.createElement('li');
  const thumb = document.createElement('canvas');
  thumb.width = 64;
  thumb.height = 64;
  thumb.dataset.time = String(start);
  const range = document.createElement('span');
  range.className = 'range';
  range.textContent = `${clock(start)} – ${clock(end)}`;
  const text = document.createElement('span');
  text.className = 'caption';
  text.textContent = caption;
  li.append(thumb, range, text);
  li.addEventListener('click', () => { $('timeline-video').currentTime = start + 0.01; });
  return li;
}

function showTimeline(text) {
  clearTimeline();
  $('task-text').textContent = '';
  const video = $('timeline-video');
  video.src = URL.createObjectURL(file);
  const track = document.createElement('track');
  track.kind = 'captions';
  track.label = 'Timeline';
  track.srclang = 'en';
  track.default = true;
  track.src = URL.createObjectURL(new Blob([asVtt(text)], { type: 'text/vtt' }));
  video.append(track);
  track.track.mode = 'showing';
  $('timeline').hidden = false;
  // The list is what the browser parsed from the track: one item per cue.
  track.addEventListener('load', async () => {
    const cues = [...track.track.cues];
    $('timeline-segments').replaceChildren(...cues.map((c) => segmentItem(c.startTime, c.endTime, c.text)));
    $('timeline').dataset.cues = String(cues.length);
    await thumbnails();
  });
}

// Each segment's first frame, drawn from a second video element seeked to its start.
async function thumbnails() {
  const probe = document.createElement('video');
  probe.muted = true;
  probe.src = $('timeline-video').src;
  await new Promise((resolve) => { probe.addEventListener('loadeddata', resolve, { once: true }); });
  for (const canvas of $('timeline-segments').querySelectorAll('canvas')) {
    probe.currentTime = Number(canvas.dataset.time) + 0.05;
    await new Promise((resolve) => { probe.addEventListener('seeked', resolve, { once: true }); });
    canvas.getContext('2d').drawImage(probe, 0, 0, canvas.width, canvas.height);
  }
  $('timeline').dataset.thumbnails = 'done';
}

loadTasks();
