// Types of ./boundaries.mjs, for the test that holds docs/architecture.md to it.
export interface Boundary {
  readonly imports: readonly string[];
  readonly why: string;
}
export declare const folders: Readonly<Record<string, Boundary>>;
export declare const files: Readonly<Record<string, Boundary>>;
