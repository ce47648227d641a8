// Enhances the experience form: add / remove / reorder rounds in place, and autosave the draft to
// the server every few seconds while typing. Without this script the form still works.
(() => {
  const form = document.getElementById('experience-form');
  if (!form) return;
  document.documentElement.classList.add('js');
  const list = document.getElementById('round-blocks');
  const status = document.getElementById('draft-status');
  const csrf = form.querySelector('input[name="_csrf"]').value;
  const experienceId = form.dataset.experienceId || '';

  function renumber() {
    [...list.querySelectorAll('[data-round]')].forEach((block, i) => {
      block.querySelector('[data-round-number]').textContent = String(i + 1);
      block.querySelectorAll('[data-field]').forEach((input) => {
        const field = input.dataset.field;
        input.name = `rounds[${i}][${field}]`;
        const id = `round-${i}-${field === 'durationMinutes' ? 'duration' : field}`;
        const label = block.querySelector(`label[for="${input.id}"]`);
        input.id = id;
        if (label) label.htmlFor = id;
      });
    });
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const block = button.closest('[data-round]');
    if (button.dataset.move === 'up' && block.previousElementSibling) list.insertBefore(block, block.previousElementSibling);
    else if (button.dataset.move === 'down' && block.nextElementSibling) list.insertBefore(block.nextElementSibling, block);
    else if (button.hasAttribute('data-remove') && list.children.length > 1) block.remove();
    else return;
    renumber();
    button.focus();
    scheduleSave();
  });

  form.querySelector('[data-add-round]').addEventListener('click', (event) => {
    const blocks = list.querySelectorAll('[data-round]');
    if (blocks.length >= 12) return;
    event.preventDefault();
    const copy = blocks[blocks.length - 1].cloneNode(true);
    copy.querySelectorAll('input, textarea').forEach((el) => {
      if (el.type === 'checkbox') el.checked = false;
      else el.value = '';
      el.removeAttribute('aria-invalid');
    });
    copy.querySelectorAll('.field-error').forEach((el) => el.remove());
    list.appendChild(copy);
    renumber();
    copy.querySelector('[data-field="title"]').focus();
  });

  let timer = null;
  let dirty = false;
  function scheduleSave() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  }
  async function save() {
    if (!dirty) return;
    dirty = false;
    const data = new URLSearchParams(new FormData(form));
    data.delete('action');
    if (experienceId) data.set('experienceId', experienceId);
    try {
      const res = await fetch('/experiences/draft', {
        method: 'POST',
        headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
        body: data,
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      status.textContent = `Draft saved at ${new Date().toLocaleTimeString()}.`;
    } catch {
      // Keep the changes marked unsaved and try again shortly: nothing typed is dropped.
      dirty = true;
      status.textContent = 'Could not save the draft just now; retrying…';
      timer = setTimeout(save, 10000);
    }
  }
  form.addEventListener('input', scheduleSave);
  form.addEventListener('change', scheduleSave);
  window.addEventListener('beforeunload', () => {
    if (dirty) navigator.sendBeacon?.('/experiences/draft', new Blob([new URLSearchParams([...new URLSearchParams(new FormData(form)), ['_csrf', csrf], ['experienceId', experienceId]]).toString()], { type: 'application/x-www-form-urlencoded' }));
  });
})();

document.addEventListener('submit', (event) => {
  const message = event.target.dataset?.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
