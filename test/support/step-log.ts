import { onTestFailed } from 'vitest';

/**
 * Names the step a test is in and prints it if the test fails: a timeout says only that the test took too long, not
 * where it was waiting. Call inside the test; call the returned function as each step begins.
 */
export function stepLog(): (name: string) => void {
  let current = 'the start';
  let since = performance.now();
  onTestFailed(() => {
    console.error(`the test was at "${current}" for ${Math.round(performance.now() - since)} ms when it failed`);
  });
  return (name) => {
    current = name;
    since = performance.now();
  };
}
