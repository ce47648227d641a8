// The practice report's buttons:
// - "Print or save as PDF": the browser's print dialog, whose "Save as PDF" gives the PDF (the
//   print style sheet drops navigation and buttons);
// - filler words marked in a recorded answer play the recording from just before they were said;
// - "Copy" puts the share link on the clipboard (without JavaScript the link can still be selected).
// All are hidden or inert without JavaScript: the report reads the same without them.
document.querySelectorAll('[data-print]').forEach((button) => {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
});

const LEAD_IN_S = 0.5; // start a little earlier, so the word is heard in context
const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
document.querySelectorAll('mark[data-seek-ms]').forEach((mark) => {
  const player = mark.closest('.report-answer')?.querySelector('audio');
  if (!player) return;
  const at = Number(mark.dataset.seekMs) / 1000;
  mark.setAttribute('role', 'button');
  mark.tabIndex = 0;
  mark.title = `Play from ${clock(at)}`;
  mark.classList.add('seekable');
  const play = () => {
    player.currentTime = Math.max(0, at - LEAD_IN_S);
    player.play().catch(() => undefined);
  };
  mark.addEventListener('click', play);
  mark.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    play();
  });
});

document.querySelectorAll('[data-copy]').forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement?.querySelector('[data-copy-status]');
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(field.value).then(
      () => { if (status) status.textContent = 'Copied.'; },
      () => { field.select(); if (status) status.textContent = 'Press Ctrl+C (or ⌘C) to copy.'; },
    );
  });
});
