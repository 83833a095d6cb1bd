// The report (export/report_html.hpp) in a real browser: Debian's chromium, driven by
// puppeteer-core from web/node_modules (scripts/install-deps.sh installs both).
//
//   node tests/web/check_report.mjs OUT/ruralzone-report.html
//
// It fails, exiting 1 with the reason, when the page asks for anything but file: and data: URLs,
// throws, shows fewer sections than the registry's analyses, a chart without bars, a map image
// that did not decode, or a screenshot that is blank. The screenshot of the first screen goes
// next to the HTML (<name>.png).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadPuppeteer } from './puppeteer.mjs';

function fail(message) {
  console.error(`check_report: FAIL: ${message}`);
  process.exit(1);
}


const htmlArg = process.argv[2];
if (!htmlArg) fail('usage: node tests/web/check_report.mjs REPORT.html');
const html = path.resolve(htmlArg);
if (!fs.existsSync(html)) fail(`${html} does not exist`);
const screenshot = html.replace(/\.html?$/i, '') + '.png';

const puppeteer = loadPuppeteer(fail);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: 'new',
  args: ['--no-sandbox', '--disable-gpu'],
  defaultViewport: { width: 1200, height: 1600 },
});
let failure = null;
try {
  const page = await browser.newPage();
  const foreign = [], errors = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) foreign.push(url);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 60000 });
  const facts = await page.evaluate(() => ({
    sections: document.querySelectorAll('section').length,
    notRun: document.querySelectorAll('section.notrun').length,
    charts: [...document.querySelectorAll('svg.chart')].map((svg) => svg.querySelectorAll('rect').length),
    maps: [...document.querySelectorAll('img.map')].map((img) => img.complete && img.naturalWidth > 0),
    tables: document.querySelectorAll('table.data tbody tr').length,
    title: document.querySelector('h1')?.textContent || '',
  }));
  const png = await page.screenshot({ path: screenshot });
  // Blank: the first screen holds almost nothing but the background. A PNG's compressed size
  // says as much without decoding it: a white 1200x1600 page is a few kilobytes.
  if (foreign.length) failure = `the page asked the network for ${foreign.join(', ')}`;
  else if (errors.length) failure = `the page threw: ${errors.join('; ')}`;
  else if (facts.sections < 9) failure = `${facts.sections} sections, fewer than the registry's 9`;
  else if (!facts.title) failure = 'no title';
  else if (facts.charts.some((bars) => bars === 0)) failure = 'a chart without bars';
  else if (facts.maps.some((ok) => !ok)) failure = 'a map image did not decode';
  else if (facts.sections > facts.notRun && facts.maps.length === 0) failure = 'no map';
  else if (png.length < 30000) failure = `the screenshot is blank (${png.length} bytes)`;
  if (!failure)
    console.log(`check_report: ok: ${facts.sections} sections (${facts.notRun} not run), ` +
                `${facts.charts.length} charts, ${facts.maps.length} maps, ${facts.tables} table ` +
                `rows, no network request; screenshot ${screenshot}`);
} finally {
  await browser.close();
}
if (failure) fail(failure);
