// citation-js ships no type declarations; these cover only what src/cite uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: object | object[]);
    format(
      format: 'bibliography' | 'citation',
      options: { format: 'text' | 'html'; template: string; lang: string },
    ): string;
  }
  export const plugins: {
    config: {
      get(name: '@csl'): {
        styles: { add(name: string, xml: string): void; has(name: string): boolean };
      };
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/name' {
  export function parse(
    name: string,
  ): { given?: string; family?: string; literal?: string } & Record<string, string>;
}
