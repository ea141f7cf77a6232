// A form built from a task's option descriptors (GET /api/v1/tasks): one control per option, typed by the descriptor
// (text, one-item-per-line list, number with its range, true/false, or a choice of the allowed values), and the
// FormData the task endpoint and the jobs API read back (a list option is sent as one field per item).

const TYPES = { string: 'text', integer: 'number', number: 'number' };

/** Replaces `fieldset`'s controls with one per option of `task`. */
export function renderOptions(fieldset, task) {
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(legend);
  if (task.options.length === 0) {
    const none = document.createElement('p');
    none.className = 'muted';
    none.textContent = 'This task takes no options.';
    fieldset.append(none);
  }
  for (const option of task.options) {
    const label = document.createElement('label');
    label.className = 'option';
    label.title = option.description;
    const name = document.createElement('span');
    name.textContent = `${option.name}${option.required ? ' (required)' : ''}`;
    const control = controlFor(option);
    control.name = option.name;
    control.dataset.type = option.type;
    control.required = option.required;
    const help = document.createElement('small');
    help.className = 'muted';
    help.textContent = option.description;
    label.append(name, control, help);
    fieldset.append(label);
  }
}

function controlFor(option) {
  if (option.allowed_values.length > 0 || option.type === 'boolean') {
    const select = document.createElement('select');
    const values = option.allowed_values.length > 0 ? option.allowed_values : ['true', 'false'];
    const choices = option.required ? values : ['', ...values];
    for (const value of choices) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = value === '' ? `(default${option.default_value ? `: ${option.default_value}` : ''})` : value;
      select.append(o);
    }
    return select;
  }
  if (option.type === 'string_list') {
    const area = document.createElement('textarea');
    area.rows = 3;
    area.placeholder = 'one per line';
    return area;
  }
  const input = document.createElement('input');
  input.type = TYPES[option.type] || 'text';
  if (option.type === 'number') input.step = 'any';
  if (option.min !== null && option.min !== undefined) input.min = option.min;
  if (option.max !== null && option.max !== undefined) input.max = option.max;
  if (option.default_value !== null && option.default_value !== undefined) input.placeholder = option.default_value;
  return input;
}

/** The filled-in options as form fields, added to `body`; empty controls are left out (the task's default). */
export function appendOptions(body, fieldset) {
  for (const control of fieldset.querySelectorAll('[name]')) {
    const value = control.value.trim();
    if (!value) continue;
    if (control.dataset.type === 'string_list') {
      value.split('\n').map((v) => v.trim()).filter(Boolean).forEach((v) => body.append(control.name, v));
    } else {
      body.append(control.name, value);
    }
  }
}
