const WORDS = ['memoize', 'selector', 'render', 'effect', 'state', 'reducer', 'profiler', 'cart', 'checkout', 'test', 'coupon', 'immutable', 'derive', 'context', 'hook', 'async', 'fetch', 'cache', 'review', 'refactor', 'naming', 'types', 'module', 'boundary', 'error', 'retry', 'queue', 'index', 'query', 'latency'];

/** A session file of about 2 KB with varied words, as years of takeaways would read. */
export function benchSessionText(i: number, date: string): string {
  const word = (k: number): string => WORDS[(i * 7 + k * 13) % WORDS.length] ?? 'note';
  const sentence = (k: number): string => `${word(k)} ${word(k + 1)} and ${word(k + 2)}: why the ${word(k + 3)} matters for the ${word(k + 4)} ${i % 97}.`;
  const lines = [
    '---',
    `date: ${date}`,
    'minutes: 60',
    'participants: [sam@example.com, alex@example.com]',
    'mode: pairing',
    'agenda: []',
    `rating: ${(i % 5) + 1}`,
    '---',
    '',
    `# Session ${i}: ${word(0)} and ${word(1)}`,
    '',
    '## Check-in',
    sentence(1),
    '',
    '## Follow-ups',
    `- ${sentence(2)}`,
    '',
    '## Discussed',
    ...Array.from({ length: 6 }, (_, k) => `- ${sentence(3 + k)} ${sentence(9 + k)}`),
    '',
    '## Takeaways',
    ...Array.from({ length: 6 }, (_, k) => `- ${sentence(15 + k)} ${sentence(21 + k)}`),
    '',
    '## Action items',
    `- [${i % 3 ? 'x' : ' '}] Sam: ${sentence(27)}`,
    `- [ ] Alex: ${sentence(28)}`,
    '',
    '## Feedback',
    sentence(29),
    '',
  ];
  return lines.join('\n');
}
