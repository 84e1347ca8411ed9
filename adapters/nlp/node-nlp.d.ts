/** The part of node-nlp (v4, untyped) that adapters/nlp uses. */
declare module 'node-nlp' {
  export interface NluOutput {
    classifications: { intent: string; score: number }[];
  }
  export class NlpManager {
    constructor(settings?: Record<string, unknown>);
    container: { register(name: string, item: unknown, isSingleton?: boolean): void };
    nlp: { nluManager: { process(input: { locale: string; utterance: string; settings?: Record<string, unknown> }): Promise<NluOutput> } };
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    export(minified?: boolean): string;
    import(data: string | object): void;
  }
}
