// The key form (API or admin key): kept in sessionStorage only, so it is gone when the tab closes.
import { getKey, setKey } from './api.js';

/** Wires a form with an input[name=key] and a "forget" button; calls onChange after every change. */
export function bindKeyForm(form, onChange = () => {}) {
  const input = form.elements.key;
  const status = form.querySelector('.status');
  const show = () => { status.textContent = getKey() ? 'A key is set for this tab.' : 'No key set.'; };
  input.value = getKey();
  show();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setKey(input.value.trim());
    show();
    onChange();
  });
  form.querySelector('[data-forget]').addEventListener('click', () => {
    input.value = '';
    setKey('');
    show();
    onChange();
  });
}
