/** How the bank describes a question's figures in pages and JSON. */

const ROUND_PHRASES: Record<string, [one: string, many: string]> = {
  'online-test': ['an online test', 'online tests'],
  technical: ['a technical round', 'technical rounds'],
  hr: ['an HR round', 'HR rounds'],
  managerial: ['a managerial round', 'managerial rounds'],
  'group-discussion': ['a group discussion', 'group discussions'],
  other: ['a round of another kind', 'other rounds'],
};

/** Round kinds as badges and filter options say them ("HR round", not just "HR", next to an HR topic badge). */
export const ROUND_KIND_LABELS: Record<string, string> = {
  'online-test': 'Online test',
  technical: 'Technical round',
  hr: 'HR round',
  managerial: 'Managerial round',
  'group-discussion': 'Group discussion',
  other: 'Other round',
};

export function roundPhrase(kind: string, times: number): string {
  const phrase = ROUND_PHRASES[kind] ?? ROUND_PHRASES.other!;
  return times === 1 ? phrase[0] : phrase[1];
}

/** "2023–2025", or "2024" when first and last are the same year. */
export function yearsLabel(firstYear: number, lastYear: number): string {
  return firstYear === lastYear ? String(firstYear) : `${firstYear}–${lastYear}`;
}

/** "Asked 7 times at Acme, 2023–2025, in technical rounds" — the line the bank is about. */
export function askedSummary(q: { timesAsked: number; companyName: string; firstYear: number; lastYear: number; roundKind: string }): string {
  const times = q.timesAsked === 1 ? 'once' : q.timesAsked === 2 ? 'twice' : `${q.timesAsked} times`;
  const years = q.firstYear === q.lastYear ? `in ${q.firstYear}` : yearsLabel(q.firstYear, q.lastYear);
  return `Asked ${times} at ${q.companyName}, ${years}, in ${roundPhrase(q.roundKind, q.timesAsked)}`;
}
