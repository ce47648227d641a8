/** A complete, valid "share an experience" form as the browser would post it. */
export function experienceFormFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    companyName: 'Kestrel Systems',
    role: 'Software Engineer',
    interviewYear: '2025',
    passoutYear: '2026',
    branch: 'Computer Science',
    source: 'on-campus',
    outcome: 'selected',
    difficulty: '3',
    body: 'The process had an online test and two technical interviews. The interviewers were friendly and focused on fundamentals.',
    tips: 'Revise linked lists and practise explaining your projects.',
    'rounds[0][kind]': 'online-test',
    'rounds[0][title]': 'Online assessment',
    'rounds[0][durationMinutes]': '90',
    'rounds[0][questions]': 'Find the longest palindromic substring\nCount inversions in an array',
    'rounds[1][kind]': 'technical',
    'rounds[1][title]': 'Technical interview 1',
    'rounds[1][durationMinutes]': '45',
    'rounds[1][questions]': 'Explain the dijkstra shortest path algorithm\nReverse a linked list',
    ...overrides,
  };
}
