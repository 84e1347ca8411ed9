/** The part of opencc-js (its Traditional → Simplified build) that the lexer uses; the package's types sit behind `exports`, which this project's module resolution does not read. */
declare module 'opencc-js/t2cn' {
  export function Converter(options: { from: 'hk' | 'tw' | 'twp' | 't'; to: 'cn' }): (text: string) => string;
}
