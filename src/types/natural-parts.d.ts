// Types for the parts of `natural` imported one by one. `import natural from 'natural'` loads the
// whole library (classifiers, WordNet, sentiment lexicons, tokenizers for a dozen languages…),
// ≈ 65 MB of heap in every thread that imports it, for the four or five functions used here. The
// package has no "exports" map, so its files can be imported directly, but only its folder
// index.d.ts files carry types; these reuse them.

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  import type { Stemmer } from 'natural';
  const PorterStemmer: Stemmer;
  export = PorterStemmer;
}

declare module 'natural/lib/natural/tfidf/tfidf.js' {
  import { TfIdf } from 'natural';
  export = TfIdf;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}

declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  import { JaroWinklerDistance } from 'natural';
  export = JaroWinklerDistance;
}

declare module 'natural/lib/natural/distance/dice_coefficient.js' {
  import { DiceCoefficient } from 'natural';
  export = DiceCoefficient;
}
