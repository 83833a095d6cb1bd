// The offline web map (export/web_map.hpp) in a real browser: Debian's chromium, driven by
// puppeteer-core from web/node_modules (scripts/install-deps.sh installs both).
//
//   NODE_PATH=web/node_modules node tests/web/check_web_map.mjs OUT/ruralzone-map.html
//
// (ES modules ignore NODE_PATH, so the script resolves puppeteer-core itself: from NODE_PATH, else
// from web/node_modules beside this script.) It fails, exiting 1 with the reason, when the page
// asks for anything but file: and data: URLs, throws, draws nothing or not every feature of the
// layers shown, or a click on a village opens no popup with the village's Chinese name. The
// screenshot goes next to the HTML (<name>.png).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadPuppeteer } from './puppeteer.mjs';

function fail(message) {
  console.error(`check_web_map: FAIL: ${message}`);
  process.exit(1);
}


const htmlArg = process.argv[2];
if (!htmlArg) fail('usage: node tests/web/check_web_map.mjs MAP.html');
const html = path.resolve(htmlArg);
if (!fs.existsSync(html)) fail(`${html} does not exist`);
const screenshot = html.replace(/\.html?$/i, '') + '.png';

const puppeteer = loadPuppeteer(fail);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: 'new',
  args: ['--no-sandbox', '--disable-gpu', '--window-size=1400,1000'],
  defaultViewport: { width: 1400, height: 1000 },
});
let failure = null;
try {
  const page = await browser.newPage();
  const requests = [], foreign = [], errors = [];
  page.on('request', (request) => {
    const url = request.url();
    requests.push(url);
    if (!url.startsWith('file:') && !url.startsWith('data:')) foreign.push(url);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const started = Date.now();
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 120000 });
  await page.waitForFunction(() => window.rzWebMap && window.rzWebMap.ready, { timeout: 120000 });
  const openSeconds = (Date.now() - started) / 1000;
  // One frame for the renderers to draw.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

  for (const url of requests) console.log(`request: ${url.length > 120 ? url.slice(0, 120) + '…' : url}`);
  if (foreign.length) throw new Error(`the page asked for ${foreign.length} non-local URLs: ${foreign.join(', ')}`);
  if (errors.length) throw new Error(`the page reported errors: ${errors.join(' | ')}`);

  // What is shown: every feature of each layer switched on.
  const shown = await page.evaluate(() => {
    const map = window.rzWebMap.map;
    const layers = window.rzWebMap.layers.map((r) => ({
      layer: r.meta.layer, name: r.meta.name, on: map.hasLayer(r.group), built: r.built,
      drawn: r.drawn, features: r.entry.features.filter((f) => f[1].length > 0).length,
      count: r.meta.count, geometry: r.meta.geometry,
    }));
    const svgPaths = document.querySelectorAll('.leaflet-pane svg path').length;
    const canvases = document.querySelectorAll('.leaflet-pane canvas').length;
    const legend = document.querySelector('.rz-legend').textContent;
    const switcher = document.querySelectorAll('.leaflet-control-layers-overlays label').length;
    return { layers, svgPaths, canvases, legend, switcher };
  });
  console.log(`opened in ${openSeconds.toFixed(1)} s; ${shown.switcher} layers in the switcher; ` +
              `${shown.svgPaths} SVG paths, ${shown.canvases} canvases`);
  let drawnOn = 0;
  for (const l of shown.layers) {
    console.log(`layer ${l.on ? 'on ' : 'off'} ${l.layer} (${l.geometry}): ${l.drawn} drawn of ` +
                `${l.features} in the page, ${l.count} in the store — ${l.name}`);
    if (l.on && l.drawn !== l.features) throw new Error(`${l.layer}: drew ${l.drawn} of ${l.features} features`);
    if (l.on) drawnOn += l.drawn;
  }
  if (shown.switcher !== shown.layers.length) throw new Error(`the layer switcher lists ${shown.switcher} of ${shown.layers.length} layers`);
  if (!shown.layers.some((l) => l.layer === 'villages' && l.on)) throw new Error('the villages are not shown at start');
  if (drawnOn < 10) throw new Error(`only ${drawnOn} features drawn`);
  if (shown.svgPaths + shown.canvases === 0) throw new Error('Leaflet drew no SVG path and no canvas');
  for (const l of shown.layers.filter((x) => x.on))
    if (!shown.legend.includes(l.name)) throw new Error(`the legend lacks ${l.name}`);

  // Not blank: the screenshot's pixels, decoded in the page by a canvas.
  const png = await page.screenshot({ encoding: 'base64' });
  fs.writeFileSync(screenshot, Buffer.from(png, 'base64'));
  const pixels = await page.evaluate(async (data) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + data;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const rgba = context.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set();
    let background = 0;
    for (let i = 0; i < rgba.length; i += 4 * 7) {  // every 7th pixel is plenty
      const key = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
      colours.add(key);
      if (key === 0xeef1f4 || key === 0xffffff) ++background;
    }
    return { colours: colours.size, background: background / (rgba.length / 4 / 7) };
  }, png);
  console.log(`screenshot ${screenshot}: ${pixels.colours} colours, ` +
              `${(pixels.background * 100).toFixed(0)}% background`);
  if (pixels.colours < 20 || pixels.background > 0.9) throw new Error('the screenshot is nearly blank');

  // A click on a village: the result layers off, so that the village's own popup answers.
  const target = await page.evaluate(() => {
    const map = window.rzWebMap.map;
    const villages = window.rzWebMap.layers.find((r) => r.meta.layer === 'villages');
    for (const r of window.rzWebMap.layers) if (!r.meta.base) map.removeLayer(r.group);
    const nameField = villages.meta.fields[0][1];
    const size = map.getSize(), box = map.getContainer().getBoundingClientRect();
    const inside = (p, ring) => {
      let hit = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i], b = ring[j];
        if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) hit = !hit;
      }
      return hit;
    };
    // The village nearest the middle of the map, clicked at a point inside its shell (and none
    // of its holes), well away from the map's controls.
    let best = null;
    villages.group.eachLayer((shape) => {
      const c = map.latLngToContainerPoint(shape.getBounds().getCenter());
      const d = Math.hypot(c.x - size.x / 2, c.y - size.y / 2);
      if (!best || d < best.d) best = { shape, d };
    });
    const shape = best.shape;
    const rings = shape.getLatLngs();
    const polygons = Array.isArray(rings[0][0]) ? rings : [rings];
    const screen = polygons.map((p) => p.map((r) => r.map((ll) => map.latLngToContainerPoint(ll))));
    const b = shape.getBounds();
    const sw = map.latLngToContainerPoint(b.getSouthWest()), ne = map.latLngToContainerPoint(b.getNorthEast());
    // Of a 20 x 20 lattice over it, the point inside farthest from any edge: a click near an
    // edge could land on the township's outline.
    const edgeDistance = (p, ring) => {
      let d = Infinity;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[j], b = ring[i], dx = b.x - a.x, dy = b.y - a.y;
        const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
        d = Math.min(d, Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
      }
      return d;
    };
    let chosen = null;
    for (let k = 0; k < 400; ++k) {
      const p = { x: sw.x + (ne.x - sw.x) * ((k % 20) + 0.5) / 20, y: ne.y + (sw.y - ne.y) * (Math.floor(k / 20) + 0.5) / 20 };
      const poly = screen.find((q) => inside(p, q[0]) && !q.slice(1).some((h) => inside(p, h)));
      if (!poly) continue;
      const d = Math.min(...poly.map((r) => edgeDistance(p, r)));
      if (!chosen || d > chosen.d) chosen = { p, d };
    }
    if (chosen)
      return { x: box.left + chosen.p.x, y: box.top + chosen.p.y, edge: chosen.d,
               name: villages.entry.features[shape.rzFeature][2][nameField] };
    return null;
  });
  if (!target) throw new Error('found no point inside the middle village');
  await page.mouse.click(target.x, target.y);
  await page.waitForSelector('.leaflet-popup-content .rz-popup', { timeout: 5000 })
    .catch(() => { throw new Error(`clicking at ${target.x}, ${target.y} opened no popup`); });
  const popup = await page.$eval('.leaflet-popup-content', (e) => e.textContent);
  console.log(`clicked village ${target.name} at ${target.x.toFixed(0)}, ${target.y.toFixed(0)}: popup «${popup.slice(0, 100)}…»`);
  if (!/[\u4e00-\u9fff]/.test(String(target.name))) throw new Error(`the village's name ${target.name} is not Chinese`);
  if (!popup.includes(target.name)) throw new Error(`the popup lacks the village's name ${target.name}`);
  // Leaflet fades a popup in: the screenshot once it is opaque, not half-way through.
  await page.waitForFunction(() => {
    const popup = document.querySelector('.leaflet-popup');
    return popup && getComputedStyle(popup).opacity === '1';
  }, { timeout: 5000 });
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-popup.png') });
  if (foreign.length) throw new Error(`the page asked for non-local URLs: ${foreign.join(', ')}`);
  console.log(`check_web_map: OK: ${requests.length} requests, all local; ${drawnOn} features drawn`);
} catch (error) {
  failure = error;
} finally {
  await browser.close();
}
if (failure) fail(failure.message);
