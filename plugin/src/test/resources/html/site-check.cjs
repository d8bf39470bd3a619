'use strict';
// Drives one headless Chromium over a generated fwdocs site, from disk (file://) and from a local HTTP server on
// 127.0.0.1, and writes what it observed as JSON; HtmlBrowserTest compares that with the model. It judges only what
// only a browser can see (axe-core, the hostile DOM walk, broken links), and reports those findings too.
// Usage: node site-check.cjs plan.json result.json
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.csv': 'text/csv', '.sh': 'text/plain; charset=utf-8', '.xml': 'application/xml',
  '.zip': 'application/zip', '.gz': 'application/gzip' };

function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// One tab per run serves every check (a new tab per page costs more than the page). Every request it makes must stay
// inside the site, and every console error is reported.
async function browse(ctx, base) {
  const log = { requests: [], errors: [] };
  const page = await ctx.newPage();
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:')) { log.requests.push(u); }
  });
  page.on('console', (m) => { if (m.type() === 'error') { log.errors.push(page.url() + ': ' + m.text()); } });
  page.on('pageerror', (e) => log.errors.push(page.url() + ': ' + e.message));
  const go = async (rel) => {
    const res = await page.goto(base + rel);
    if (res && res.status() !== 200) { log.errors.push(rel + ': HTTP ' + res.status()); }
  };
  const here = () => {
    const u = new URL(page.url());
    return decodeURIComponent(u.href.slice(base.length).split('#')[0]) + u.hash;
  };
  return { page, go, here, log, base, ctx };
}

const checked = (page) => page.$eval('.fw-tabs input:checked', (i) => i.value);
const visibleRows = (page) =>
  page.$$eval('table.fw-ports tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => r.id));

async function tabs({ page, go }) {
  const t = plan.tabs;
  const tab = '#' + t.group + '-' + t.distro + '-tab';
  await go(t.from);
  const out = { initial: await checked(page) };
  out.ariaTabs = await page.$$eval('[data-group="' + t.group + '"] [role="tab"]', (l) => l.length);
  await page.click(tab);
  out.chosen = await checked(page);
  out.chosenSelected = await page.getAttribute(tab, 'aria-selected');
  out.panelVisible = await page.isVisible('#' + t.group + '-' + t.distro + '-panel');
  await page.focus(tab);
  await page.keyboard.press('ArrowRight');
  out.afterArrow = await checked(page);
  out.focusAfterArrow = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('ArrowLeft');
  await go(t.to);
  out.kept = await page.$$eval('.fw-tabs', (gs) => gs.map((g) => {
    const c = g.querySelector('input:checked');
    return c ? c.value : null;
  }));
  return out;
}

async function versionSwitch({ page, go, here }) {
  const s = plan.switch;
  const pick = async () => {
    await page.click('.fw-versions summary');
    await Promise.all([page.waitForNavigation(), page.click('a.fw-version:text-is("' + s.label + '")')]);
    return here();
  };
  const out = {};
  await go(s.from);
  out.landed = await pick();
  await go(s.fromWithAnchor);
  out.landedWithAnchor = await pick();
  out.banner = await page.$$eval('.fw-banner', (b) => b.length);
  await go(s.from);
  await Promise.all([page.waitForNavigation(), page.click('.fw-banner a')]);
  out.bannerLanded = here();
  return out;
}

async function roles({ page, go }) {
  await go(plan.roles.page);
  const out = { before: await visibleRows(page) };
  for (const role of plan.roles.pick) { await page.check('input.fw-pick[value="' + role + '"]'); }
  out.rows = await visibleRows(page);
  out.sections = await page.$$eval('section.fw-role', (l) => l.filter((s) => !s.hidden).map((s) => s.id));
  out.count = await page.textContent('.fw-count');
  return out;
}

async function filter({ page, go }) {
  await go(plan.filter.page);
  const out = {};
  for (const q of plan.filter.queries) {
    await page.fill('#fw-filter', q);
    out[q] = await visibleRows(page);
  }
  return out;
}

async function copy({ page, go }) {
  await go(plan.copy.page);
  const button = page.locator('.fw-copy:visible').first();
  const code = await button.evaluate((b) => b.parentNode.querySelector('code').textContent);
  await button.click();
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.fw-copy')).some((b) => b.textContent !== 'Copy'));
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  return { code, label: await button.textContent(), clipboard };
}

// Walks the DOM of pages rendered from a hostile catalog: markup, attributes and URLs may only be the templates'.
async function hostile({ page, go, base, ctx }) {
  const out = { findings: [], shown: [] };
  for (const rel of plan.hostile.pages) {
    await go(rel);
    const r = await page.evaluate(({ tags, attrs, marker, site }) => {
      const findings = [];
      if (window.fwpwn !== undefined) { findings.push('window.fwpwn was set'); }
      for (const e of Array.from(document.querySelectorAll('*'))) {
        const tag = e.tagName.toLowerCase();
        if (!tags.includes(tag)) { findings.push('element <' + tag + '>'); }
        for (const a of Array.from(e.attributes)) {
          const name = a.name.toLowerCase();
          if (!attrs.includes(name) && !name.startsWith('aria-') && !name.startsWith('data-')) {
            findings.push('attribute ' + name + ' on <' + tag + '>');
          }
          if (a.value.includes(marker) || a.value.includes('fwpwn')) {
            findings.push('catalog text in attribute ' + name + ' of <' + tag + '>');
          }
        }
        for (const prop of ['href', 'src', 'action', 'formAction', 'data']) {
          const v = e[prop];
          if (typeof v !== 'string' || v === '' || (tag === 'link' && v === 'data:,')) { continue; }
          if (!v.startsWith(site) && !/^(https?|mailto):/.test(v)) { findings.push('URL ' + v + ' on <' + tag + '>'); }
          if (!v.startsWith(site) && tag !== 'a') { findings.push('request to ' + v + ' by <' + tag + '>'); }
        }
      }
      const scripts = Array.from(document.scripts).map((s) => s.src);
      if (scripts.length !== 1 || !scripts[0].endsWith('/assets/fwdocs.js')) { findings.push('scripts: ' + scripts); }
      if (document.styleSheets.length !== 1) { findings.push('style sheets: ' + document.styleSheets.length); }
      const text = document.body.textContent;
      const shown = [];
      for (let i = 1; i <= 40; i++) { if (text.includes(marker + i + ' ')) { shown.push(i); } }
      return { findings, shown, scriptShownAsText: text.includes('<script>window.fwpwn=1</script>') };
    }, { tags: plan.hostile.tags, attrs: plan.hostile.attributes, marker: plan.hostile.marker, site: base });
    r.findings.forEach((f) => out.findings.push(rel + ': ' + f));
    out.shown.push({ page: rel, markers: r.shown, scriptShownAsText: r.scriptShownAsText });
  }
  // In a tab of its own: the refused inline script is this probe's own console error.
  const probe = await ctx.newPage();
  await probe.goto(base + plan.hostile.pages[0]);
  out.cspBlocksInline = await probe.evaluate(() => new Promise((ok) => {
    document.addEventListener('securitypolicyviolation', () => ok(window.fwinline === undefined));
    const s = document.createElement('script');
    s.textContent = 'window.fwinline = 1;';
    document.body.appendChild(s);
    setTimeout(() => ok(window.fwinline === undefined ? 'no violation event' : false), 1000);
  }));
  await probe.close();
  return out;
}

// Follows every link from the start page: pages are opened, other files fetched; anchors must exist on the target.
async function crawl({ page, go, base, ctx }) {
  const ids = new Map();
  const links = [];
  const queue = [plan.crawl.start];
  const seen = new Set(queue);
  const broken = [];
  while (queue.length > 0) {
    const rel = queue.shift();
    await go(rel);
    const found = await page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
      urls: Array.from(document.querySelectorAll('a[href], link[href], script[src]')).map((e) => e.href || e.src)
    }));
    ids.set(rel, new Set(found.ids));
    for (const url of found.urls) {
      if (!url.startsWith(base)) { continue; }
      const target = decodeURIComponent(url.slice(base.length).split('#')[0]);
      const hash = url.includes('#') ? decodeURIComponent(url.split('#')[1]) : null;
      links.push({ from: rel, target, hash });
      if (target.endsWith('.html') && !seen.has(target)) { seen.add(target); queue.push(target); }
    }
  }
  const files = new Set(links.map((l) => l.target).filter((t) => !t.endsWith('.html')));
  for (const file of files) {
    const res = await ctx.request.get(base + file);
    if (res.status() !== 200) { broken.push(file + ': HTTP ' + res.status()); }
  }
  for (const l of links) {
    if (l.hash && !ids.get(l.target).has(l.hash)) { broken.push(l.from + ' -> ' + l.target + '#' + l.hash); }
  }
  return { pages: seen.size, links: links.length, files: files.size, broken };
}

// Every rule on the light pages; in dark, what the colour scheme changes: contrast.
async function axe({ page, go }) {
  const source = fs.readFileSync(plan.axe, 'utf8');
  const out = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const options = scheme === 'light' ? { resultTypes: ['violations'] }
      : { resultTypes: ['violations'], runOnly: ['color-contrast'] };
    for (const rel of scheme === 'light' ? plan.axePages : plan.axePages.slice(0, plan.axeDarkPages)) {
      await go(rel);
      // evaluate() runs outside the page's CSP, which (rightly) refuses the engine as an injected inline script.
      const result = await page.evaluate(source + '\n;axe.run(document, ' + JSON.stringify(options) + ')');
      for (const v of result.violations) {
        out.push({ page: rel, scheme, id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) });
      }
    }
  }
  await page.emulateMedia({ colorScheme: null });
  return out;
}

async function screenshots({ page, go }) {
  const s = plan.screenshots;
  fs.mkdirSync(s.dir, { recursive: true });
  const out = [];
  for (const shot of [{ name: 'overview-light.png', width: 1280, height: 900, scheme: 'light' },
    { name: 'overview-dark.png', width: 1280, height: 900, scheme: 'dark' },
    { name: 'overview-phone.png', width: 390, height: 844, scheme: 'light' }]) {
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await page.emulateMedia({ colorScheme: shot.scheme });
    await go(s.page);
    const file = path.join(s.dir, shot.name);
    await page.screenshot({ path: file });
    out.push({ file, overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: null });
  return out;
}

// In print, every distro's commands are on paper and the controls are not.
async function print({ page, go }) {
  await go(plan.screenshots.page);
  await page.emulateMedia({ media: 'print' });
  const visible = (sel) => page.$$eval(sel, (l) => l.filter((e) => e.getClientRects().length > 0).length);
  const out = {
    panels: await page.$$eval('.fw-tab-panel', (l) => l.length),
    panelsShown: await visible('.fw-tab-panel'),
    toolsShown: await visible('.fw-tools, .fw-copy, .fw-versions, [role="tablist"]')
  };
  await page.pdf({ path: path.join(plan.screenshots.dir, 'overview-print.pdf') });
  await page.emulateMedia({ media: null });
  return out;
}

async function checks(ctx, base, full) {
  const tab = await browse(ctx, base);
  const out = { base, millis: {} };
  const steps = { tabs, switch: versionSwitch, roles, filter, copy, hostile };
  if (full) { Object.assign(steps, { crawl, axe, screenshots, print }); }
  for (const [name, step] of Object.entries(steps)) {
    const start = Date.now();
    out[name] = await step(tab);
    out.millis[name] = Date.now() - start;
  }
  await tab.page.close();
  out.requests = tab.log.requests;
  out.errors = tab.log.errors;
  return out;
}

(async () => {
  const root = path.resolve(plan.root);
  const server = await serve(root);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fwdocs-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: plan.chromium,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-extensions', '--disable-default-apps']
  });
  const httpBase = 'http://127.0.0.1:' + server.address().port + '/';
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: httpBase.slice(0, -1) });
  const result = {};
  try {
    result.disk = await checks(ctx, 'file://' + root + '/', false);
    result.http = await checks(ctx, httpBase, true);
  } finally {
    await ctx.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  fs.writeFileSync(process.argv[3], JSON.stringify(result, null, 1));
})().catch((e) => { console.error((e && e.stack) || e); process.exit(1); });
