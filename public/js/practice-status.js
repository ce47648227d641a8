// While answers are being transcribed or scored, the page asks for the session's status every few
// seconds and reloads once something has changed (without JavaScript, a <noscript> refresh does the same).
document.addEventListener('DOMContentLoaded', () => {
  const holder = document.querySelector('[data-status-url]');
  if (!holder) return;
  const url = holder.dataset.statusUrl;
  let last = null;
  const poll = () =>
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((status) => {
        const key = JSON.stringify(status);
        if ((last !== null && key !== last) || status.transcribing + status.scoring === 0) return window.location.reload();
        last = key;
        window.setTimeout(poll, 3000);
      })
      // A network blip must not stop the page updating: try again a little later.
      .catch(() => window.setTimeout(poll, 6000));
  window.setTimeout(poll, 1500);
});
