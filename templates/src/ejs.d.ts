// ejs 5 ships no type declarations; this is the part of its API the renderer uses.
declare module 'ejs' {
  export interface Options {
    filename?: string;
    async?: false;
    escape?: (value: unknown) => string;
  }
  export type TemplateFunction = (data: Record<string, unknown>) => string;
  export function compile(template: string, options?: Options): TemplateFunction;
}
