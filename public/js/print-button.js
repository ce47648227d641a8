// "Print or save as PDF" buttons: the browser's print dialog, whose "Save as PDF" gives the PDF
// (the print style sheet drops navigation and buttons). Hidden without JavaScript.
document.querySelectorAll('[data-print]').forEach((button) => {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
});
