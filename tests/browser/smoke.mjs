// What a citizen sees, in Debian's Chromium with JavaScript off: the official forms are there and
// readable, charts carry their text alternative, and no page scrolls sideways on a 360 px phone.
// Usage: node smoke.mjs SITE_DIR   (a built copy of tests/fixtures/small)
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(process.argv[2]);
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".woff2": "font/woff2", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(root, p);
  if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok - ${name}`); }
  catch (e) { failed++; console.log(`not ok - ${name}: ${e.message}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
const page = await phone.newPage();
// One page of every type.
const pages = [
  "/", "/reports/", "/reports/2024-02/", "/reports/2024/", "/indicators/", "/indicators/fast_track/",
  "/indicators/received_pos/", "/decisions/", "/decisions/status/done/", "/decisions/avtobus/", "/roadmaps/",
  "/roadmaps/dorogi/", "/themes/", "/themes/zhkkh/", "/structure/", "/openness/", "/about/", "/news/2024-03-04-hostile/", "/search/", "/data/", "/404.html",
];
const axeSource = fs.readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

async function axeViolations(p) {
  await p.addScriptTag({ content: axeSource });
  const result = await p.evaluate(() => axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")}`);
}

for (const url of pages) {
  await check(`${url} has no horizontal scrolling at 360 px`, async () => {
    const resp = await page.goto(base + url);
    assert(resp.ok(), `HTTP ${resp.status()}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 360, `the page is ${width} px wide`);
  });
}

// axe needs JavaScript to run; the pages themselves have none.
for (const width of [360, 1280]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 } });
  const p = await ctx.newPage();
  for (const url of pages) {
    await check(`${url} has no WCAG 2.1 A/AA violations at ${width} px`, async () => {
      await p.goto(base + url);
      const v = await axeViolations(p);
      assert(v.length === 0, v.join("; "));
    });
  }
  await ctx.close();
}

await check("the monthly form prints on A4 with its title and table, without menus", async () => {
  const ctx = await browser.newContext({ viewport: { width: 703, height: 1000 } }); // A4 minus 12 mm margins at 96 dpi
  const p = await ctx.newPage();
  await p.goto(base + "/reports/2024-02/");
  await p.emulateMedia({ media: "print" });
  const state = await p.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    table: document.querySelector("table.form").getBoundingClientRect().width,
    nav: getComputedStyle(document.querySelector("nav[aria-label='Основное меню']")).display,
    title: document.querySelector("h1").innerText,
  }));
  assert(state.width <= 703 && state.table <= 703, `printed width ${state.width} px, table ${state.table} px`);
  assert(state.nav === "none", `the menu prints (${state.nav})`);
  assert(state.title === "Февраль 2024", `title ${state.title}`);
  const pdf = await p.pdf({ format: "A4", printBackground: false });
  const pagesInPdf = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert(pagesInPdf >= 1 && pagesInPdf <= 4, `${pagesInPdf} A4 pages`);
  await ctx.close();
});

await check("menus, breadcrumbs, filters, pagers and downloads are tap targets of 44 px or more at 360 px", async () => {
  const selector = "nav a, .pager a, .download a, .filters a, .breadcrumbs a, summary, .search-row input, .search-row button";
  for (const url of ["/", "/reports/2024-02/", "/decisions/", "/roadmaps/dorogi/", "/search/"]) {
    await page.goto(base + url);
    const sizes = await page.evaluate((sel) => [...document.querySelectorAll(sel)]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => [e.textContent.trim().slice(0, 30), Math.round(e.getBoundingClientRect().height)]), selector);
    assert(sizes.length > 0, `${url}: no tap targets found, the selector is stale`);
    const small = sizes.filter(([, h]) => h < 44);
    assert(small.length === 0, `${url}: ${JSON.stringify(small.slice(0, 5))}`);
  }
});

await check("the monthly form shows 28 rows with their values, without JavaScript", async () => {
  await page.goto(base + "/reports/2024-02/");
  const rows = page.locator("table.form tbody tr");
  assert((await rows.count()) === 28, `found ${await rows.count()} rows`);
  const first = (await rows.nth(0).locator("td").allInnerTexts()).map((t) => t.trim());
  assert(first[0] === "1." && first[1] === "45" && first[4] === "85", `row 1 reads ${JSON.stringify(first)}`);
  assert(await rows.nth(0).isVisible(), "row 1 is not visible");
  const lang = await page.getAttribute("html", "lang");
  assert(lang === "ru", `lang is ${lang}`);
});

await check("the annual form shows 7 targets with plan and achieved", async () => {
  await page.goto(base + "/reports/2024/");
  const cells = (await page.locator("table.form tbody tr").nth(4).locator("td").allInnerTexts()).map((t) => t.trim());
  assert(cells.includes("70,0") && cells.includes("18,8"), `row 5 reads ${JSON.stringify(cells)}`);
});

await check("charts are images with a title and a description", async () => {
  await page.goto(base + "/reports/2024-02/");
  const charts = page.locator("svg[role=img]");
  assert((await charts.count()) >= 2, "fewer than 2 charts");
  for (let i = 0; i < (await charts.count()); i++) {
    const c = charts.nth(i);
    const ids = (await c.getAttribute("aria-labelledby")) || "";
    assert(ids.split(" ").length === 2, `chart ${i} aria-labelledby="${ids}"`);
    const title = await c.locator("title").textContent();
    const desc = await c.locator("desc").textContent();
    assert(title && title.length > 5 && desc && desc.length > 10, `chart ${i} lacks words`);
    const box = await c.boundingBox();
    assert(box && box.width <= 360 && box.height > 50, `chart ${i} box ${JSON.stringify(box)}`);
  }
});

await check("search finds pages by Russian word forms, with JavaScript", async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const p = await ctx.newPage();
  await p.goto(base + "/search/?q=" + encodeURIComponent("ямы на дорогах"));
  await p.waitForSelector("#search-results ol");
  const found = await p.locator("#search-results li a").allInnerTexts();
  assert(found.includes("Устранение причин обращений о ямах"), `found ${JSON.stringify(found)}`);
  await p.goto(base + "/search/?q=" + encodeURIComponent("дорога"));
  await p.waitForSelector("#search-results ol");
  const roads = await p.locator("#search-results li a").allInnerTexts();
  assert(roads.includes("Обращения по теме «Дороги»"), `found ${JSON.stringify(roads)}`);
  await ctx.close();
});

await check("without JavaScript the search page lists every page", async () => {
  await page.goto(base + "/search/");
  const links = await page.locator("main ul.index a").count();
  assert(links > 40, `${links} links`);
});

await check("the skip link leads to the main content", async () => {
  await page.goto(base + "/reports/2024-02/");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
  assert(focused === "#main", `first Tab focuses ${focused}`);
});

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
