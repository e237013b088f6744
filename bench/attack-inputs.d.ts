/** Types of attack-inputs.js, for the tests that import it. */
export interface HostileInput {
  name: string;
  sizes: [number, number, number];
  write(root: string, n: number): void;
  args(root: string): string[];
  exit: number;
}
export const HOSTILE_INPUTS: HostileInput[];
