/** The parts of NLP.js (v4, @nlpjs/*, untyped) that adapters/nlp uses: node-nlp's NlpManager is built from them. */
declare module '@nlpjs/core-loader' {
  export interface Container {
    register(name: string, item: unknown, isSingleton?: boolean): void;
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Container;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core-loader';
  export interface NluOutput {
    classifications: { intent: string; score: number }[];
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown> & { container?: Container });
    nluManager: {
      process(input: { locale: string; utterance: string; settings?: Record<string, unknown> }): Promise<NluOutput>;
      /** per language, its domains; each domain's Nlu keeps the texts it read, per language, until the hour is out */
      domainManagers: Record<string, { domains: Record<string, { cache?: { results: Record<string, Record<string, unknown>> } }> }>;
    };
    /** its pipeline's steps: `tokenizer-en` keeps the texts it split, per text, until the hour is out (`cache`) */
    container: { get(name: string): { cache?: unknown } | undefined };
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    toJSON(): object;
    fromJSON(model: object): void;
  }
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}

declare module '@nlpjs/lang-zh' {
  export const LangZh: unknown;
}
