import { createHash } from 'node:crypto';
import type { RoundKind } from '../experiences/entities/round.entity.js';

/** The topics a question can have, in the order filters list them. */
export const TOPICS = [
  { slug: 'dsa', label: 'Data structures & algorithms' },
  { slug: 'dbms', label: 'Databases & SQL' },
  { slug: 'os', label: 'Operating systems' },
  { slug: 'networks', label: 'Computer networks' },
  { slug: 'oop', label: 'Object-oriented programming' },
  { slug: 'system-design', label: 'System design' },
  { slug: 'web', label: 'Web development' },
  { slug: 'ml-data', label: 'ML & data analysis' },
  { slug: 'language-specific', label: 'Programming languages' },
  { slug: 'aptitude', label: 'Aptitude & reasoning' },
  { slug: 'behavioural', label: 'Behavioural' },
  { slug: 'hr', label: 'HR' },
  { slug: 'project', label: 'Projects & internships' },
  { slug: 'core-electronics', label: 'Electronics' },
  { slug: 'core-mechanical', label: 'Mechanical' },
  { slug: 'core-electrical', label: 'Electrical' },
  { slug: 'core-civil', label: 'Civil' },
  { slug: 'core-chemical', label: 'Chemical' },
  { slug: 'other', label: 'Other' },
] as const;

export type TopicSlug = (typeof TOPICS)[number]['slug'];

export const TOPIC_SLUGS: readonly TopicSlug[] = TOPICS.map((t) => t.slug);

const LABELS = new Map<string, string>(TOPICS.map((t) => [t.slug, t.label]));

export function topicLabel(slug: string): string {
  return LABELS.get(slug) ?? LABELS.get('other')!;
}

export function isTopic(value: unknown): value is TopicSlug {
  return typeof value === 'string' && LABELS.has(value);
}

type Rule = readonly [pattern: RegExp, weight: number];

/** A rule over whole words or phrases (plural forms included), e.g. kw('deadlock|semaphore', 2). */
const kw = (words: string, weight: number): Rule => [new RegExp(`\\b(?:${words})(?:s|es)?\\b`, 'g'), weight];
const re = (pattern: RegExp, weight: number): Rule => [new RegExp(pattern.source, 'g'), weight];

/**
 * Keyword rules per topic, matched on the lower-cased question. A strong, unambiguous phrase weighs
 * 2–3, a word that also appears elsewhere weighs 1, a vague hint 0.5. The topic with the highest
 * total wins; ties go to the earlier topic in TIE_ORDER.
 */
const RULES: Record<Exclude<TopicSlug, 'other'>, readonly Rule[]> = {
  dsa: [
    kw('linked list|binary tree|bst|binary search|graph|tree|trie|heap|stack|queue|hash ?(?:map|table|set)|array|subarray|subsequence|substring|matrix|grid|island|fibonacci|factorial|armstrong number|prime number|pyramid pattern|pattern of stars|data structure|coin change|coins needed|rotation of|rotate|stairs|knight|non-repeating character|unique character', 1.5),
    kw('dynamic programming|dp|greedy|backtracking|recursion|memoi[sz]ation|bfs|dfs|dijkstra|topological|sorting|sort|sorted|kth|palindrom\\w*|anagram|permutation|interval|sliding window|window|two pointer|lru cache|median|knapsack|spanning tree|shortest path|cycle|node|leaf|root|traversal|reverse|connected component|majority element|non-repeating|schedule jobs|minimum number of|character', 1),
    re(/\b(?:time complexity|space complexity|big o|o\([^)]*\))/, 1.5),
    kw('breadth[- ]first|depth[- ]first|staircase|stock prices?|buy and (?:sell|a later day to sell)|k (?:largest|smallest)|top k|rotating', 1.5),
    kw('write a (?:program|function|code)|given an? (?:array|string|list|tree|graph|number|matrix|dictionary)', 1),
    kw('find the|count the|return the|print|maximi[sz]e|minimi[sz]e|given the', 0.5),
    kw('string|integer|number|digit|element|pair|sum', 0.25),
  ],
  dbms: [
    kw('sql|nosql|dbms|rdbms|database|normali[sz]ation|normal form|[1-5]nf|bcnf|acid|primary key|foreign key|schema|stored procedure|trigger|isolation level|dirty read|non-repeatable read|phantom read|truncate|dense_rank', 2),
    kw('er diagram|entity[- ]relationship|two[- ]phase locking|2pl|materiali[sz]ed view|relational', 2),
    kw('view|rows', 1),
    kw('query|queries|join|inner join|left join|index|indexing|transaction|table|where|having|group by|order by|mongodb|mysql|postgres(?:ql)?|oracle|window function|rank|salary|employee|column', 1),
  ],
  os: [
    kw('deadlock|semaphore|mutex|paging|segmentation|context switch|virtual memory|thrashing|race condition|critical section|scheduling algorithm|scheduler|kernel|operating system|page fault|system call|fork|zombie process|starvation', 2),
    kw('process|thread|multithreading|concurrency|memory management|os', 1),
    kw('round[- ]robin|shortest[- ]job[- ]first|sjf|fcfs|cpu scheduling|page replacement|boot(?:ing|loader)?|bios|power button', 2),
  ],
  networks: [
    kw('tcp|udp|osi|ip address|ipv[46]|subnet|subnet mask|dns|dhcp|https?|router|routing protocol|switch|vlan|bgp|ospf|three-way handshake|handshake|mac address|arp|nat|vpn|firewall|packet|lan|wan|bandwidth|latency|port', 2),
    kw('network|networking|protocol|type (?:a )?url|google\\.com|browser|5g|4g|lte', 1),
    kw('flow control|congestion control|congestion window', 2),
  ],
  oop: [
    kw('oops?|object[- ]oriented|polymorphism|inheritance|encapsulation|abstraction|abstract class|interface|overloading|overriding|constructor|destructor|pillars of oop|solid principle|design pattern|singleton|factory pattern', 2),
    kw('class|object|method', 0.5),
    kw('subclass|superclass|base class|derived class|dynamic dispatch|liskov|access modifier|getter|setter', 2),
    kw('private|protected|public', 1),
  ],
  'system-design': [
    kw('cap theorem|partition tolerance|eventual consistency|chat application|flood\\w*|throttl\\w*|api gateway', 2),
    re(/\bdesign (?:a|an|the)\b(?! (?:database schema|schema|fsm|circuit|counter))/, 1.5),
    kw('system design|url shortener|url shortening|rate limit|rate limiter|load balanc\\w*|sharding|replication|microservice|scal(?:e|ing|ability|able)|high availability|cdn|caching|cache|message queue|kafka|redis|architecture|low[- ]level design|lld|hld|parking lot|consistent hashing|idempoten\\w*|processed twice|double booking|short code|collision|millions? of|(?:\\d[\\d,]*|thousands?) (?:of )?(?:users|requests|orders)', 2),
  ],
  web: [
    kw('server[- ]side rendering|client[- ]side rendering|ssr|csr|display: none|visibility: hidden|flexbox|box model', 2),
    kw('rest(?:ful)?|api|html|css|javascript|react|redux|angular|node(?:\\.?js)?|express|frontend|front-end|backend|back-end|cookie|session|jwt|oauth|authentication|authori[sz]ation|cors|dom|web ?socket|website|web app(?:lication)?|debounce|graphql|json|put and patch|status code|url|query string|parse|parser', 1.5),
  ],
  'ml-data': [
    kw('supervised|unsupervised|random forest|decision tree|gradient descent|k-means|svm|naive bayes|cross[- ]validation|confusion matrix', 2),
    kw('machine learning|ml|deep learning|neural network|regression|classification|clustering|overfitting|underfitting|bias|variance|pandas|numpy|dataframe|p-value|hypothesis|a\\/b test|statistics|standard deviation|precision|recall|churn|analytics|analyst|data analysis|dashboard|power bi|tableau|excel|missing value|outlier|dataset|mean and median|train(?:ing)? (?:a |the )?model', 2),
    kw('data|sales|revenue|metric|kpi|investigate|analy[sz]e|chart|model|feature', 1),
  ],
  'language-specific': [
    kw('java|python|golang|kotlin|rust|typescript|jvm|garbage collect\\w*|pointer|malloc|calloc|virtual function|lambda|decorator|generics|closure|final keyword|static keyword|volatile|hashmap|arraylist|in c|promise|async\\/await|async|await|callback|event loop|typeof|bitwise|left-shift\\w*|right-shift\\w*', 2),
    kw('output of', 1),
    // C++ and C# end in symbols, so a word boundary cannot close them.
    re(/(?:^|[^\w])(?:c\+\+|c#)(?=$|[^\w+#])/, 2),
  ],
  aptitude: [
    kw('probability|ratio|percentage|percent|profit|loss|discount|cost price|selling price|simple interest|compound interest|average|speed|km\\/h|train|boat|upstream|downstream|pipe|tank|day|men|age|odd one out|series|coded? as|written as|sister|brother|mother|father|related to|seating|sit around|arrange|conclusion|syllogism|clock|calendar|mixture|dice|coin|card|remainder|divisible|how many ways|share of|yesterday|tomorrow|walks|north|south|rectangle|area|perimeter|increased by|decreased by|workers|next term|next number', 1.5),
    re(/\d\s*%/, 1.5),
    kw('estimate|guesstimate|bar chart|pie chart|based on the table|data interpretation', 2),
    kw('jug|litre|liter', 1.5),
    kw('how many|how much|how long|how far', 1),
  ],
  behavioural: [
    kw('tell me about a time|describe a (?:time|situation)|a time (?:you|when)|conflict|conflicting|disagree(?:d|ment)?|a failure|your (?:biggest )?failure|you failed|mistake|leadership|led a team|under pressure|convince|went beyond|challenging|difficult (?:situation|teammate)|teammate|feedback|what (?:would|do|will) you do|stuck', 2),
    kw('how (?:would|do) you (?:handle|deal|react)', 1),
    kw('out of your way|helped someone|help someone|unclear requirements|ambiguous', 2),
  ],
  hr: [
    kw('tell me about yourself|introduce yourself|strength|weakness|relocat\\w*|(?:night|rotational|rotating|general|work in|in) shift|shift work|notice period|other offer|offer in hand|where do you see yourself|why should we hire|why (?:do you want to )?(?:join|work)|service agreement|bond|expected (?:salary|ctc)|salary expectation|ctc|hobby|hobbies|gap|when can you join|willing|comfortable|okay|ok with|fine with|career goal|leave your|leaving|switch jobs?|commit', 2),
    // Alone this is too weak to call; in an HR round it tips the balance.
    re(/^why\b/, 0.5),
    kw('career plans?|free time|spare time|about (?:our|the|this) company|accepted (?:an? )?offer|any other company|salary (?:are you )?expect\\w*', 2),
  ],
  project: [
    kw('why did you (?:use|choose|pick)|in your app', 2),
    kw('your (?:final[- ]year )?project|final[- ]year project|project|mini-project|internship|intern report|your (?:current )?(?:company|role|work)|you built|you worked on|your resume|on your cv|at work', 2),
  ],
  'core-electronics': [
    kw('nyquist|sampling theorem|sampling rate|sample rate|aliasing', 2),
    kw('vlsi|setup (?:and hold )?time|hold time|flip[- ]?flop|latch|cmos|mosfet|bjt|transistor|amplifier|op-amp|opamp|adc|dac|microcontroller|microprocessor|embedded|verilog|systemverilog|vhdl|fpga|asic|clock skew|cts|clock tree|floorplan\\w*|routing congestion|ir drop|electromigration|antenna effect|logic family|adder|multiplexer|mux|decoder|uart|i2c|spi|can bus|modulation|oscillator|semiconductor|diode|rtl|synthesis|timing|esp32|arduino|raspberry pi|sensor|pcb|fsm|mealy|moore machine|sequence detector|overlapping sequence|metastability|synchroni[sz]er|fifo|functional coverage|boolean expression|k-map|karnaugh|nand|xor|logic gate|pmos|nmos|layout|matched devices|duty cycle|clock divider|divide-by', 2),
    kw('signal|circuit|digital|analog|clock|frequency|propagation delay|divider', 1),
  ],
  'core-mechanical': [
    kw('refrigerator|flywheel|governor|clutch|torque|pulley|crankshaft', 2),
    kw('thermodynamic\\w*|otto|diesel|engine|stroke|viscosity|casting|forging|welding|gear|stress|strain|fea|mesh|gd&t|tolerance|fits and|annealing|normali[sz]ing|quenching|tempering|heat treatment|carnot|poisson|5s|lean manufacturing|six sigma|kaizen|cp and cpk|cpk|fishbone|lathe|cnc|machining|turbine|compressor|refrigeration|hvac|seamless tube|shaft|bearing|fluid mechanics|bernoulli|reynolds|cad|solidworks|catia|shop floor|production line|metal|cast iron|mild steel|fatigue|creep|factor of safety|maintenance|pascal|hydraulic|incompressible|continuity equation|wire rope|crane', 2),
  ],
  'core-electrical': [
    kw('motor|synchronous speed|induction|transformer|power factor|buck converter|boost converter|inverter|rectifier|bldc|bms|battery|batteries|state of charge|plc|scada|rtu|substation|circuit breaker|relay|generator|transmission line|load flow|grid|kva|kw|voltage|alternating current|direct current|hz|regenerative braking|ev|evs|electric vehicle|power system|wheatstone|dol starter|star-delta|ferranti|differential protection|current loop|rtd|thermocouple|solar panel|earthing', 2),
    kw('ladder (?:diagram|logic)', 3),
  ],
  'core-civil': [
    kw('concrete|cement|opc|ppc|beam|slab|footing|foundation|soil|surveying|bridge|structural|rcc|bending moment|shear force|highway|curing|brick|mix design|staad|autocad|construction|site engineer|slump test|compaction|retaining wall|bar bending|total station|critical path|cpm|pert', 2),
    kw('column', 1),
  ],
  'core-chemical': [
    kw('distillation|reactor|cstr|pfr|heat exchanger|mass transfer|heat transfer|catalyst|polymer|hazop|hazid|process safety|p&id|pfd|unit operation|npsh|cavitation|centrifugal pump|pump|boiler|corrosion|crude|refinery|petrochemical|chemical|single-use plastic|effluent|absorption|evaporation|chlor-alkali|electrolysis|membrane cell|dimensionless|diffusivity|prandtl|nusselt|boiling point|vapour pressure|vapor pressure|reaction|size reduction|lmtd', 2),
  ],
};

/** Ties go to the more specific topic: a project or HR question mentioning SQL is still about the project. */
const TIE_ORDER: readonly TopicSlug[] = [
  'behavioural',
  'hr',
  'project',
  'system-design',
  'dbms',
  'os',
  'networks',
  'oop',
  'language-specific',
  'web',
  'core-electronics',
  'core-electrical',
  'core-mechanical',
  'core-civil',
  'core-chemical',
  'ml-data',
  'dsa',
  'aptitude',
];

/** What a question with no keyword is most likely about, given the round it was asked in. */
const FALLBACK_BY_ROUND: Partial<Record<RoundKind, TopicSlug>> = { hr: 'hr' };

/** The weighted keyword evidence for one topic in lower-cased text. */
function evidence(lower: string, topic: Exclude<TopicSlug, 'other'>): number {
  let score = 0;
  for (const [pattern, weight] of RULES[topic]) score += (lower.match(pattern)?.length ?? 0) * weight;
  return score;
}

/**
 * Changes whenever the tagger's rules do, so a deployment can tell that its stored topics were
 * given by other rules (see retagIfTopicRulesChanged).
 */
export const TOPIC_RULES_FINGERPRINT = createHash('sha256')
  .update(JSON.stringify([Object.entries(RULES).map(([topic, rules]) => [topic, rules.map(([pattern, weight]) => [pattern.source, weight])]), TIE_ORDER, FALLBACK_BY_ROUND]))
  .digest('hex')
  .slice(0, 16);

/** A first, rule-based tagger: one topic per question, 'other' when nothing matches. */
export function tagTopic(text: string, roundKind?: RoundKind | string): TopicSlug {
  const lower = text.toLowerCase();
  let best: TopicSlug | null = null;
  let bestScore = 0;
  for (const topic of TIE_ORDER) {
    let score = evidence(lower, topic as Exclude<TopicSlug, 'other'>);
    // In HR and managerial rounds, "Why analytics and not software?" is about the candidate, not analytics.
    if ((roundKind === 'hr' || roundKind === 'managerial') && score > 0 && (topic === 'hr' || topic === 'behavioural' || topic === 'project')) score += 1.5;
    if (score > bestScore) {
      best = topic;
      bestScore = score;
    }
  }
  // A lone weak hint ("find the", "sum") is not enough to call it a topic.
  if (best !== null && bestScore >= 1) return best;
  return FALLBACK_BY_ROUND[roundKind as RoundKind] ?? 'other';
}

/**
 * Subjects with a vocabulary of their own, which an answer on them speaks in. Aptitude, HR,
 * behavioural and project questions are about the candidate or a puzzle: their keywords describe
 * the question ("strength", "a time you", "train", "age"), not the words of a good answer.
 */
const SUBJECTS: ReadonlySet<TopicSlug> = new Set(TOPIC_SLUGS.filter((t) => !['aptitude', 'behavioural', 'hr', 'project', 'other'].includes(t)));

/** Below this much keyword evidence over all subjects (two strong terms), a text says too little to place it: one echoed term of the question would make a share of 100%. */
export const MIN_SUBJECT_EVIDENCE = 4;

/**
 * How much of a text's subject vocabulary belongs to `topic` (0–1): the topic's keyword evidence
 * over all subjects' evidence. It tells an answer that talks about pointers and O(n) (on a data
 * structures question that it never quotes) from one about DNS. Null when `topic` is not a subject
 * or the text has too little subject vocabulary to say.
 */
export function subjectShare(text: string, topic: string): number | null {
  if (!SUBJECTS.has(topic as TopicSlug)) return null;
  const lower = text.toLowerCase();
  let own = 0;
  let total = 0;
  for (const subject of SUBJECTS) {
    const score = evidence(lower, subject as Exclude<TopicSlug, 'other'>);
    total += score;
    if (subject === topic) own = score;
  }
  return total >= MIN_SUBJECT_EVIDENCE ? own / total : null;
}

/**
 * The topics of an experience from its questions' topics: most frequent first, 'other' last, as
 * the comma-separated list stored in experiences.topics (cut at a whole slug to fit `max`).
 */
export function topicList(topics: readonly string[], max = 500): string {
  const counts = new Map<string, number>();
  for (const topic of topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  const ordered = [...counts.entries()]
    .sort((a, b) => Number(a[0] === 'other') - Number(b[0] === 'other') || b[1] - a[1] || TOPIC_SLUGS.indexOf(a[0] as TopicSlug) - TOPIC_SLUGS.indexOf(b[0] as TopicSlug))
    .map(([topic]) => topic);
  let list = '';
  for (const topic of ordered) {
    const next = list ? `${list},${topic}` : topic;
    if (next.length > max) break;
    list = next;
  }
  return list;
}
