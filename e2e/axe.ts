import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const AXE = readFileSync(join(resolve(__dirname, '..'), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations, each as
 * "rule: help (where)". axe is evaluated through the debugging protocol because the app's CSP (rightly)
 * refuses inline scripts, which is what page.addScriptTag would add.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Strings, not functions: this file is type-checked for Node, without the DOM's globals.
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(AXE);
  const violations = await page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
