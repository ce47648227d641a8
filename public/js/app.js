// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  const nav = document.querySelector('.nav');
  const toggle = document.querySelector('.nav-toggle');
  if (nav && toggle) {
    toggle.addEventListener('click', () => {
      const open = nav.classList.toggle('open');
      toggle.setAttribute('aria-expanded', String(open));
    });
  }
  // Move keyboard and screen-reader focus to the error summary of a rejected form.
  document.querySelector('.error-summary')?.focus();
});
