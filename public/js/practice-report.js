// While answers are being scored, the report asks for the scoring status every few seconds and
// reloads once something has changed (without JavaScript, a <noscript> refresh does the same).
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('[data-status-url]');
  if (!summary) return;
  const url = summary.dataset.statusUrl;
  let last = null;
  const poll = () =>
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((status) => {
        const key = `${status.scoring}/${status.scored}`;
        if (last !== null && key !== last) return window.location.reload();
        last = key;
        if (status.scoring === 0) return window.location.reload();
        window.setTimeout(poll, 3000);
      })
      // A network blip must not stop the page updating: try again a little later.
      .catch(() => window.setTimeout(poll, 6000));
  window.setTimeout(poll, 1500);
});
