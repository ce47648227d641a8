// Forum progressive enhancement: votes without a page reload, and a confirmation before deleting.
// Every form here also works as a plain HTML form when this file is not loaded.
document.addEventListener('DOMContentLoaded', () => {
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  for (const form of document.querySelectorAll('form.vote-form')) {
    form.addEventListener('submit', (event) => {
      if (form.dataset.plain === '1') return;
      event.preventDefault();
      const submitter = event.submitter;
      const params = new window.URLSearchParams(new FormData(form));
      if (submitter && submitter.name) params.set(submitter.name, submitter.value);
      const buttons = form.querySelectorAll('button');
      buttons.forEach((b) => (b.disabled = true));
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-CSRF-Token': form.querySelector('input[name="_csrf"]').value,
        },
        body: params.toString(),
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(String(response.status));
          const result = await response.json();
          form.querySelector('[data-score]').textContent = String(result.score);
          form.querySelector('.vote-button.up').setAttribute('aria-pressed', String(result.value === 1));
          form.querySelector('.vote-button.down').setAttribute('aria-pressed', String(result.value === -1));
        })
        .catch(() => {
          // Let the server answer the ordinary way (it shows a readable error page if needed).
          form.dataset.plain = '1';
          form.requestSubmit(submitter);
        })
        .finally(() => buttons.forEach((b) => (b.disabled = false)));
    });
  }
});
