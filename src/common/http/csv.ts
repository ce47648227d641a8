/**
 * CSV as spreadsheets read it (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break). A text cell that starts like a formula (= + - @, tab or
 * carriage return) gets a leading apostrophe: company names are typed by students, and a
 * spreadsheet would otherwise run "=HYPERLINK(…)" when an officer opens the export.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
