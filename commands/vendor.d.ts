/** The parts of untyped (or types-behind-`exports`) packages that commands/ uses. */

// opencc-js's own types sit behind `exports`, which this project's module resolution does not read.
declare module 'opencc-js/t2cn' {
  export function Converter(options: { from: 'hk' | 'tw' | 'twp' | 't'; to: 'cn' }): (text: string) => string;
}

// Google's open-location-code (the JavaScript reference implementation) ships no types.
declare module 'open-location-code' {
  export interface CodeArea {
    latitudeCenter: number;
    longitudeCenter: number;
    codeLength: number;
  }
  export class OpenLocationCode {
    isValid(code: string): boolean;
    isShort(code: string): boolean;
    isFull(code: string): boolean;
    decode(code: string): CodeArea;
    recoverNearest(shortCode: string, latitude: number, longitude: number): string;
  }
}
