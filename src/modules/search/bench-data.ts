import type { SearchDocument } from './search-engine.js';

/**
 * Deterministic, realistic-looking interview experiences for benchmarks and load tests.
 *
 * Term frequencies follow a Zipf-like law and every body is full of everyday words ("the",
 * "interviewer", "asked"), so queries hit the same very skewed posting lists as real data:
 * a few terms match most documents, most terms match few.
 */

const COMPANIES: ReadonlyArray<readonly [slug: string, name: string]> = [
  ['google', 'Google'],
  ['microsoft', 'Microsoft'],
  ['amazon', 'Amazon'],
  ['meta', 'Meta'],
  ['apple', 'Apple'],
  ['netflix', 'Netflix'],
  ['adobe', 'Adobe'],
  ['oracle', 'Oracle'],
  ['salesforce', 'Salesforce'],
  ['uber', 'Uber'],
  ['airbnb', 'Airbnb'],
  ['linkedin', 'LinkedIn'],
  ['flipkart', 'Flipkart'],
  ['infosys', 'Infosys'],
  ['tcs', 'TCS'],
  ['wipro', 'Wipro'],
  ['accenture', 'Accenture'],
  ['deloitte', 'Deloitte'],
  ['goldman-sachs', 'Goldman Sachs'],
  ['jp-morgan', 'JP Morgan'],
  ['morgan-stanley', 'Morgan Stanley'],
  ['de-shaw', 'D. E. Shaw'],
  ['tower-research', 'Tower Research'],
  ['atlassian', 'Atlassian'],
  ['intuit', 'Intuit'],
  ['cisco', 'Cisco'],
  ['vmware', 'VMware'],
  ['nvidia', 'NVIDIA'],
  ['qualcomm', 'Qualcomm'],
  ['intel', 'Intel'],
  ['samsung', 'Samsung'],
  ['paypal', 'PayPal'],
  ['walmart', 'Walmart'],
  ['swiggy', 'Swiggy'],
  ['zomato', 'Zomato'],
  ['paytm', 'Paytm'],
  ['razorpay', 'Razorpay'],
  ['phonepe', 'PhonePe'],
  ['cred', 'CRED'],
  ['texas-instruments', 'Texas Instruments'],
];

const ROLES: ReadonlyArray<readonly [slug: string, label: string]> = [
  ['software-engineer', 'Software Engineer'],
  ['sde-intern', 'SDE Intern'],
  ['data-scientist', 'Data Scientist'],
  ['data-analyst', 'Data Analyst'],
  ['product-manager', 'Product Manager'],
  ['devops-engineer', 'DevOps Engineer'],
  ['frontend-engineer', 'Frontend Engineer'],
  ['backend-engineer', 'Backend Engineer'],
  ['ml-engineer', 'ML Engineer'],
  ['business-analyst', 'Business Analyst'],
  ['qa-engineer', 'QA Engineer'],
  ['graduate-engineer-trainee', 'Graduate Engineer Trainee'],
];

const OUTCOMES = ['selected', 'rejected', 'pending', 'withdrew'] as const;
const ROUND_KINDS = ['online-test', 'technical', 'hr', 'managerial', 'group-discussion', 'other'] as const;

/** [term, topic]; listed roughly from most to least asked, which sets the Zipf rank. */
const TERMS: ReadonlyArray<readonly [term: string, topic: string]> = [
  ['arrays', 'arrays'],
  ['time complexity', 'algorithms'],
  ['linked list', 'linked-lists'],
  ['binary tree', 'trees'],
  ['dynamic programming', 'dynamic-programming'],
  ['strings', 'strings'],
  ['tell me about yourself', 'behavioural'],
  ['hash map', 'hashing'],
  ['sorting', 'algorithms'],
  ['recursion', 'recursion'],
  ['system design', 'system-design'],
  ['sql joins', 'dbms'],
  ['normalization', 'dbms'],
  ['polymorphism', 'oop'],
  ['inheritance', 'oop'],
  ['deadlock', 'operating-systems'],
  ['binary search', 'algorithms'],
  ['graph traversal', 'graphs'],
  ['stack', 'stacks-queues'],
  ['queue', 'stacks-queues'],
  ['tcp', 'computer-networks'],
  ['process and thread', 'operating-systems'],
  ['space complexity', 'algorithms'],
  ['two pointers', 'arrays'],
  ['sliding window', 'arrays'],
  ['merge sort', 'algorithms'],
  ['quick sort', 'algorithms'],
  ['breadth first search', 'graphs'],
  ['depth first search', 'graphs'],
  ['heap', 'heaps'],
  ['priority queue', 'heaps'],
  ['binary search tree', 'trees'],
  ['paging', 'operating-systems'],
  ['virtual memory', 'operating-systems'],
  ['indexing', 'dbms'],
  ['acid properties', 'dbms'],
  ['transactions', 'dbms'],
  ['encapsulation', 'oop'],
  ['abstraction', 'oop'],
  ['interfaces', 'oop'],
  ['why should we hire you', 'behavioural'],
  ['strengths and weaknesses', 'behavioural'],
  ['where do you see yourself in five years', 'behavioural'],
  ['conflict with a teammate', 'behavioural'],
  ['url shortener', 'system-design'],
  ['load balancer', 'system-design'],
  ['caching', 'system-design'],
  ['rate limiter', 'system-design'],
  ['database sharding', 'system-design'],
  ['consistent hashing', 'system-design'],
  ['udp', 'computer-networks'],
  ['osi model', 'computer-networks'],
  ['http and https', 'computer-networks'],
  ['dns resolution', 'computer-networks'],
  ['subnetting', 'computer-networks'],
  ['semaphores', 'operating-systems'],
  ['mutex', 'operating-systems'],
  ['scheduling algorithms', 'operating-systems'],
  ['memoization', 'dynamic-programming'],
  ['knapsack', 'dynamic-programming'],
  ['longest common subsequence', 'dynamic-programming'],
  ['longest increasing subsequence', 'dynamic-programming'],
  ['coin change', 'dynamic-programming'],
  ['topological sort', 'graphs'],
  ['dijkstra', 'graphs'],
  ['minimum spanning tree', 'graphs'],
  ['union find', 'graphs'],
  ['trie', 'trees'],
  ['segment tree', 'trees'],
  ['lowest common ancestor', 'trees'],
  ['tree traversal', 'trees'],
  ['level order traversal', 'trees'],
  ['reverse a linked list', 'linked-lists'],
  ['detect a cycle', 'linked-lists'],
  ['palindrome', 'strings'],
  ['anagram', 'strings'],
  ['substring', 'strings'],
  ['string matching', 'strings'],
  ['bit manipulation', 'bit-manipulation'],
  ['xor', 'bit-manipulation'],
  ['backtracking', 'recursion'],
  ['n queens', 'recursion'],
  ['permutations', 'recursion'],
  ['subsets', 'recursion'],
  ['greedy', 'algorithms'],
  ['matrix', 'arrays'],
  ['prefix sum', 'arrays'],
  ['kadane', 'arrays'],
  ['lru cache', 'system-design'],
  ['design patterns', 'oop'],
  ['singleton', 'oop'],
  ['factory pattern', 'oop'],
  ['solid principles', 'oop'],
  ['virtual functions', 'oop'],
  ['garbage collection', 'programming-languages'],
  ['java collections', 'programming-languages'],
  ['python generators', 'programming-languages'],
  ['pointers', 'programming-languages'],
  ['memory leak', 'programming-languages'],
  ['rest api', 'web'],
  ['microservices', 'system-design'],
  ['message queue', 'system-design'],
  ['cap theorem', 'system-design'],
  ['eventual consistency', 'system-design'],
  ['nosql', 'dbms'],
  ['stored procedures', 'dbms'],
  ['triggers', 'dbms'],
  ['er diagram', 'dbms'],
  ['second highest salary', 'dbms'],
  ['group by', 'dbms'],
  ['window functions', 'dbms'],
  ['probability', 'aptitude'],
  ['puzzles', 'puzzles'],
  ['quantitative aptitude', 'aptitude'],
  ['logical reasoning', 'aptitude'],
  ['verbal ability', 'aptitude'],
  ['guesstimate', 'puzzles'],
  ['linear regression', 'machine-learning'],
  ['logistic regression', 'machine-learning'],
  ['overfitting', 'machine-learning'],
  ['bias variance tradeoff', 'machine-learning'],
  ['gradient descent', 'machine-learning'],
  ['decision trees', 'machine-learning'],
  ['random forest', 'machine-learning'],
  ['precision and recall', 'machine-learning'],
  ['hypothesis testing', 'statistics'],
  ['p value', 'statistics'],
  ['a/b testing', 'statistics'],
  ['product metrics', 'product'],
  ['prioritization', 'product'],
  ['docker', 'devops'],
  ['kubernetes', 'devops'],
  ['ci/cd pipeline', 'devops'],
  ['linux commands', 'devops'],
  ['react hooks', 'web'],
  ['event loop', 'web'],
  ['closures', 'web'],
  ['css flexbox', 'web'],
  ['promises', 'web'],
  ['selenium', 'testing'],
  ['test cases', 'testing'],
  ['unit testing', 'testing'],
  ['bloom filter', 'system-design'],
  ['skip list', 'linked-lists'],
  ['fenwick tree', 'trees'],
  ['rabin karp', 'strings'],
  ['kmp algorithm', 'strings'],
  ['floyd warshall', 'graphs'],
  ['bellman ford', 'graphs'],
  ['strongly connected components', 'graphs'],
  ['red black tree', 'trees'],
  ['avl tree', 'trees'],
  ['b tree', 'dbms'],
  ['write ahead log', 'dbms'],
  ['two phase commit', 'system-design'],
  ['raft consensus', 'system-design'],
  ['copy on write', 'operating-systems'],
  ['thrashing', 'operating-systems'],
  ['belady anomaly', 'operating-systems'],
  ['three way handshake', 'computer-networks'],
  ['sliding window protocol', 'computer-networks'],
  ['arp', 'computer-networks'],
  ['sticky sessions', 'system-design'],
];

const TEMPLATES: readonly string[] = [
  'The interviewer asked me to explain {t}.',
  'I was asked a question on {t} and then a follow up about {t}.',
  'We discussed {t} for about twenty minutes and he asked about the edge cases.',
  'The first question was about {t}, which I solved using {t}.',
  'Then came a coding problem on {t}; I explained the time complexity and the space complexity of my approach.',
  'She wanted me to compare {t} with {t} and write the code on a shared editor.',
  'There were questions on {t} and {t} in the online test, along with aptitude questions.',
  'Tell me about yourself was the first question, followed by why do you want to join {company}.',
  'Prepare {t} well, they love asking about it.',
  'The round lasted about 45 minutes and the panel was friendly.',
  'I could not answer the question about {t} completely, but the interviewer gave me hints.',
  'Overall the experience was good and the interviewers were helpful.',
  'In the next round the interviewer asked me to design something using {t}.',
  'I was then asked to optimise the solution, so I used {t} instead of a brute force approach.',
  'After that the manager asked about my projects, my internship and {t}.',
  'My advice is to practise {t} and to think aloud while solving the problem.',
  'The HR round was mostly about my family background, relocation and {t}.',
  'He asked a tricky follow up on {t} that I had not seen before.',
  'I had solved around {n} problems on LeetCode before the interview.',
  'The online test had {n} questions, including one on {t}.',
];

/** mulberry32: tiny, fast and good enough for test data; the same seed always gives the same docs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative Zipf weights (exponent s) for ranks 0..n-1, sampled by binary search. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / Math.pow(i + 1, s);
    cumulative[i] = sum;
  }
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function generateExperienceDocs(n: number, seed = 1): SearchDocument[] {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const term = zipfSampler(TERMS.length, 1, random);
  const company = zipfSampler(COMPANIES.length, 0.8, random);
  const docs: SearchDocument[] = [];

  for (let i = 0; i < n; i++) {
    const [companySlug, companyName] = COMPANIES[company()];
    const [roleSlug, roleLabel] = pick(ROLES);
    const year = 2019 + Math.floor(random() * 8);
    const outcome = pick(OUTCOMES);
    const roundKinds = [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(ROUND_KINDS)))];
    const topics = new Set<string>();

    const targetWords = 80 + Math.floor(random() * 121);
    const words: string[] = [];
    while (words.length < targetWords) {
      const sentence = pick(TEMPLATES).replace(/\{(t|n|company)\}/g, (_match, slot: string) => {
        if (slot === 'company') return companyName;
        if (slot === 'n') return String(2 + Math.floor(random() * random() * 900)); // a long numeric tail
        const [text, topic] = TERMS[term()];
        topics.add(topic);
        return text;
      });
      words.push(...sentence.split(' '));
    }
    const body = words.slice(0, 200).join(' ');

    const [headline] = TERMS[term()];
    const title =
      random() < 0.5
        ? `${companyName} ${roleLabel} interview experience ${year}`
        : `${companyName} ${roleLabel}: ${headline} and ${roundKinds.length} rounds`;

    const month = Math.floor(random() * 12);
    const createdAt = Date.UTC(year, month, 1) + Math.floor(random() * 28 * 86_400_000);
    docs.push({
      id: `experience:${i + 1}`,
      type: 'experience',
      title,
      body,
      company: companySlug,
      companyName,
      role: roleSlug,
      year,
      outcome,
      roundKinds,
      topics: [...topics].slice(0, 5),
      url: `/experiences/${i + 1}`,
      createdAt,
      helpful: Math.floor(random() * random() * 200),
    });
  }
  return docs;
}
