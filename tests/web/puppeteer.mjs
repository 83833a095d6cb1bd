// What the browser checks share: puppeteer-core found in NODE_PATH or in web/node_modules beside
// this folder (ES modules ignore NODE_PATH, so it is looked up by hand). scripts/install-deps.sh
// installs it; it drives Debian's chromium and downloads no browser.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function loadPuppeteer(fail) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const roots = [...(process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean),
                 path.resolve(here, '../../web/node_modules')];
  for (const root of roots) {
    try {
      return createRequire(path.join(root, 'noop.js'))('puppeteer-core');
    } catch {
      // the next root
    }
  }
  fail(`puppeteer-core not found in ${roots.join(', ')}: run scripts/install-deps.sh`);
  return null;
}
