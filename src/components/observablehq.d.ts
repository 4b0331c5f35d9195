// Framework's runtime module, resolved by Framework when it builds a page; declared here for tsc.
declare module "observablehq:stdlib" {
  interface AbstractFile {
    name: string;
    href: string;
    mimeType?: string;
    url(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
    json(): Promise<unknown>;
    text(): Promise<string>;
  }
  export function FileAttachment(name: string): AbstractFile;
}

// htl ships no types; the pages and components use only its `html` tag, which returns the element it builds.
declare module "htl" {
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
}

// @observablehq/inputs ships no types; components use its table.
declare module "@observablehq/inputs" {
  export function table(data: unknown[], options?: Record<string, unknown>): HTMLElement;
}
