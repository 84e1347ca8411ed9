/**
 * How node-nlp reads Chinese here: each Han character and each pair of neighbours, plus Latin words
 * and digits whole (`A100还有货吗` → a100, 还, 还有, 有, 有货, 货, 货吗, 吗). node-nlp's own zh
 * pipeline segments with CC-CEDICT and reads words as pinyin: 9 MB compiled at first use (~1 s and
 * ~100 MB of heap), and a misspelt or unlisted word becomes an unknown token. Character n-grams are
 * the usual baseline for short Chinese texts and survive typos and mixed English.
 */
export function hanGrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.toLowerCase().match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run)) {
      grams.push(run);
      continue;
    }
    const chars = [...run];
    chars.forEach((char, i) => grams.push(char, ...(i + 1 < chars.length ? [char + chars[i + 1]] : [])));
  }
  return grams;
}

/** node-nlp's zh pipeline steps (container names `tokenizer-zh`, `stemmer-zh`), replaced so CEDICT is never loaded. */
export const hanGramSteps = {
  'tokenizer-zh': { name: 'tokenizer-zh', tokenize: (text: string) => hanGrams(text) },
  'stemmer-zh': { name: 'stemmer-zh', stem: (tokens: string[]) => tokens },
};

// @nlpjs/lang-en-min ships no types: required and typed here for the one class used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const englishStemmer = new (require('@nlpjs/lang-en-min') as { StemmerEn: new () => { stem(tokens: string[]): string[]; cache: object } }).StemmerEn();
/** The Snowball stemmer keeps every word it stemmed, for good: forgotten with the texts the classifier read (intentModel). */
export const forgetStems = (): void => void (englishStemmer.cache = {});
/**
 * How node-nlp reads English here: its Snowball stems, plus each pair of neighbouring stems
 * (`track my order` → track, my, order, track_my, my_order). Word pairs are the usual step up from
 * single words for short requests: `what can you do` and `what do you have` share every word
 * but none of their pairs. On CLINC150's validation split they took accuracy from 82 % to 88 %.
 */
export const englishBigramSteps = {
  'stemmer-en': {
    name: 'stemmer-en',
    stem: (tokens: string[]) => {
      const stems = englishStemmer.stem(tokens);
      return [...stems, ...stems.slice(1).map((stem, i) => `${stems[i]}_${stem}`)];
    },
  },
};
