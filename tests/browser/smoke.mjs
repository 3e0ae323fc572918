// What a citizen sees, in Debian's Chromium with JavaScript off: the official forms are there and
// readable, charts carry their text alternative, and no page scrolls sideways on a 360 px phone.
// Every page loads without a console error or a Content-Security-Policy violation, with
// JavaScript off and on; with SERVE_URL, so does the preview of `vitrina serve`, whose reload
// script and error overlay must keep to the same policy.
// At 360 px every table keeps its first row in view, names each value after its column, stays a
// table in the accessibility tree, and no chart text is drawn under 12 px; axe (WCAG 2.1 A/AA
// and best practices, landmark-unique among them) finds nothing at 360 and 1280 px;
// with GAP_SITE (a built copy of tests/fixtures/gap), its missing July 2024 shows as a gap.
// Embedded pages (/embed/…) are framed at 320 and 1,000 px without a script, a sideways scroll or
// an axe finding, and their full pages offer an <iframe> that holds them; the region's ranking
// is drawn on a phone with its plan; a passport's JSON-LD is data, not a policy violation.
// Usage: [GAP_SITE=DIR] node smoke.mjs SITE_DIR [SERVE_URL SERVE_ROOT]   (SITE_DIR: a built copy
// of tests/fixtures/small; SERVE_ROOT: the copy `vitrina serve` previews at SERVE_URL)
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(process.argv[2]);
const [serveUrl, serveRoot] = process.argv.slice(3);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".woff2": "font/woff2", ".svg": "image/svg+xml",
  ".js": "text/javascript", ".json": "application/json",
};
const gapRoot = process.env.GAP_SITE ? path.resolve(process.env.GAP_SITE) : null;
const serveFrom = (dir) => (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(dir, p);
  if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
};
const server = http.createServer(serveFrom(root));
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

// Console errors, uncaught exceptions and CSP violations of a page, across its navigations.
// Chromium logs a refused script, style or font as a console error even with JavaScript off;
// with JavaScript on, `reportViolations` also turns each `securitypolicyviolation` event into one.
function watch(p) {
  const problems = [];
  p.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  p.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  return problems;
}
async function reportViolations(ctx) {
  await ctx.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) =>
    console.error(`CSP violation: ${e.violatedDirective} refused ${e.blockedURI || "inline code"}`)));
}
function assertClean(problems, url) {
  assert(problems.length === 0, `${url}: ${problems.join(" | ")}`);
}
const POLICY = "default-src 'none'; script-src 'self'; style-src 'self';";

const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
const page = await phone.newPage();
const phoneProblems = watch(page);
// One page of every type.
const pages = [
  "/", "/reports/", "/reports/2024-02/", "/reports/2024/", "/indicators/", "/indicators/fast_track/",
  "/indicators/received_pos/", "/decisions/", "/decisions/status/done/", "/decisions/avtobus/", "/roadmaps/",
  "/roadmaps/dorogi/", "/themes/", "/themes/zhkkh/", "/structure/", "/openness/", "/about/", "/news/2024-03-04-hostile/", "/search/", "/data/", "/opendata/", "/opendata/9900000017-mcu-indicators/", "/404.html",
  "/clarifications/", "/clarifications/voda/",
  // A region's site (tests/fixtures/region, built under /region/): its pages and a municipality's.
  "/region/", "/region/compare/", "/region/compare/by/received/", "/region/compare/fast_track/", "/region/data/",
  "/region/alekseevka/",
];
const axeSource = fs.readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

// axe comes in as an init script: an added <script> tag would be inline code, which the pages'
// policy refuses.
async function axeViolations(p) {
  const result = await p.evaluate(() => axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")}`);
}

// What a phone shows without scrolling sideways: every cell of each table's first row (the
// value, its change and year to date; on the home page plan, fact and deviation) lies inside the
// 360 px viewport, and no table is wider than its box. Tables hidden in a closed <details> are
// left out.
async function firstRowsOutOfView(p) {
  return p.evaluate(() => {
    const out = [];
    for (const table of document.querySelectorAll("main table")) {
      if (table.getClientRects().length === 0) continue;
      const row = table.querySelector("tbody tr");
      if (!row) continue;
      const name = (table.caption ? table.caption.textContent : "table").trim().slice(0, 50);
      for (const cell of row.querySelectorAll("td, th")) {
        const r = cell.getBoundingClientRect();
        if (r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5)) {
          out.push(`${name}: «${cell.textContent.trim().slice(0, 20)}» at ${Math.round(r.left)}–${Math.round(r.right)} px`);
          break;
        }
      }
      const wrap = table.closest(".table-wrap");
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) out.push(`${name}: ${wrap.scrollWidth} px in a ${wrap.clientWidth} px box`);
    }
    return out;
  });
}

// Values shown without their column's name on a phone: each value cell of a stacked table at
// 360 px carries a name before it (a rule of style.css per kind of table, or `data-label`).
async function unnamedValues(p) {
  return p.evaluate(() => {
    const out = [];
    for (const td of document.querySelectorAll("table.stack > tbody > tr:not(.missing) > td:not(.rownum)")) {
      if (td.getClientRects().length === 0 || td.textContent.trim() === "") continue;
      const label = getComputedStyle(td, "::before").content;
      if (!label || label === "none" || label === "normal" || label === '""') {
        const caption = td.closest("table").caption;
        out.push(`${caption ? caption.textContent.trim().slice(0, 40) : "table"}: «${td.textContent.trim().slice(0, 20)}»`);
      }
    }
    return out;
  });
}

// The tables of a page as a screen reader gets them (Chromium's accessibility tree, over CDP):
// for each table, its name and how many rows, column heads, row heads and cells it holds.
async function accessibleTables(p) {
  const cdp = await p.context().newCDPSession(p);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const count = (n, into) => {
    for (const id of n.childIds || []) {
      const c = byId.get(id);
      if (!c) continue;
      if (!c.ignored) into[c.role.value] = (into[c.role.value] || 0) + 1;
      count(c, into);
    }
    return into;
  };
  return nodes.filter((n) => !n.ignored && n.role.value === "table")
    .map((t) => ({ name: t.name ? t.name.value : "", ...count(t, {}) }));
}

// The size SVG text is drawn at: its font size times the scale of its chart (shown width over
// the viewBox's width). Charts hidden by the stylesheet (the other width's variant) are left out.
async function smallChartText(p) {
  return p.evaluate(() => {
    const out = [];
    let seen = 0;
    for (const svg of document.querySelectorAll("svg.chart")) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || svg.getClientRects().length === 0) continue;
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll("text")) {
        seen++;
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (size < 11.99) out.push(`«${t.textContent.slice(0, 20)}» ${size.toFixed(1)} px`);
      }
    }
    return { seen, small: out };
  });
}

for (const url of pages) {
  await check(`${url} has no horizontal scrolling at 360 px, each table's first row in view, every value named, no chart text under 12 px, no console error and no CSP violation`, async () => {
    phoneProblems.length = 0;
    const resp = await page.goto(base + url);
    assert(resp.ok(), `HTTP ${resp.status()}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 360, `the page is ${width} px wide`);
    // /data/ (a site's or a region's) describes the data sets' columns for programmers, not a
    // citizen's figures.
    if (!url.endsWith("/data/")) {
      const off = await firstRowsOutOfView(page);
      assert(off.length === 0, off.join("; "));
    }
    const { small } = await smallChartText(page);
    assert(small.length === 0, `chart text ${small.slice(0, 5).join("; ")}`);
    const unnamed = await unnamedValues(page);
    assert(unnamed.length === 0, `values without their column's name: ${unnamed.slice(0, 5).join("; ")}`);
    const policy = await page.getAttribute("meta[http-equiv=Content-Security-Policy]", "content");
    assert(policy && policy.startsWith(POLICY), `policy ${policy}`);
    assertClean(phoneProblems, url);
  });
}

// axe needs JavaScript to run; the pages themselves have none.
for (const width of [360, 1280]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 } });
  await reportViolations(ctx);
  await ctx.addInitScript({ content: axeSource });
  const p = await ctx.newPage();
  const problems = watch(p);
  for (const url of pages) {
    await check(`${url} has no WCAG 2.1 A/AA violations at ${width} px, no chart text under 12 px, and with JavaScript no console error or CSP violation`, async () => {
      problems.length = 0;
      await p.goto(base + url);
      await p.waitForLoadState("networkidle");
      const v = await axeViolations(p);
      assert(v.length === 0, v.join("; "));
      const { small } = await smallChartText(p);
      assert(small.length === 0, `chart text ${small.slice(0, 5).join("; ")}`);
      assertClean(problems, url);
    });
  }
  await ctx.close();
}

await check("chart text is measured: the home page's chart shows its words", async () => {
  await page.goto(base + "/");
  const { seen } = await smallChartText(page);
  assert(seen > 5, `${seen} text elements in the visible charts`);
});

// A month without a report (tests/fixtures/gap: July 2024) is shown as missing, not skipped.
if (gapRoot) {
  const gap = http.createServer(serveFrom(gapRoot));
  await new Promise((ok) => gap.listen(0, "127.0.0.1", ok));
  const gapBase = `http://127.0.0.1:${gap.address().port}`;
  for (const url of ["/", "/reports/", "/reports/2024-08/", "/reports/2024/", "/indicators/fast_track/", "/indicators/received_pos/", "/roadmaps/dorogi/"]) {
    await check(`gap fixture ${url}: in view at 360 px, no chart text under 12 px, no console error`, async () => {
      phoneProblems.length = 0;
      const resp = await page.goto(gapBase + url);
      assert(resp.ok(), `HTTP ${resp.status()}`);
      const off = await firstRowsOutOfView(page);
      assert(off.length === 0, off.join("; "));
      const { small } = await smallChartText(page);
      assert(small.length === 0, small.slice(0, 5).join("; "));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, `the page is ${width} px wide`);
      assertClean(phoneProblems, url);
    });
  }
  await check("gap fixture: the home chart breaks its line at July 2024 and says «нет отчёта»", async () => {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(gapBase + "/");
      const chart = await page.evaluate(() => {
        const svg = [...document.querySelectorAll("svg.chart")].find((s) => s.getClientRects().length > 0);
        return {
          texts: [...svg.querySelectorAll("text")].map((t) => t.textContent),
          // The phone drawing is described by the wide one's <desc>, through aria-labelledby.
          desc: document.getElementById(svg.getAttribute("aria-labelledby").split(" ")[1]).textContent,
          lines: svg.querySelectorAll("polyline[stroke='#1F5FA8']").length,
        };
      });
      assert(chart.texts.includes("нет отчёта"), `${width} px: no «нет отчёта» in ${JSON.stringify(chart.texts)}`);
      assert(chart.lines === 2, `${width} px: the line has ${chart.lines} pieces, not 2 (June to August must not join)`);
      assert(/за 9 месяцев \(8 отчётов; нет отчёта за июль 2024\)/.test(chart.desc), `${width} px: ${chart.desc}`);
    }
    await page.setViewportSize({ width: 360, height: 740 });
  });
  await check("gap fixture: the indicator's table has a row for July 2024 saying «нет отчёта»", async () => {
    await page.goto(gapBase + "/indicators/received_pos/");
    const rows = await page.locator("main table tbody tr").allInnerTexts();
    const july = rows.findIndex((r) => r.includes("июль 2024"));
    assert(july >= 0 && rows[july].includes("нет отчёта"), `rows ${JSON.stringify(rows.slice(0, 4))}`);
    assert(rows[july - 1].includes("август 2024") && rows[july + 1].includes("июнь 2024"), "July is not between August and June");
  });
  await check("gap fixture: a target's table has a row for July 2024 saying «нет отчёта»", async () => {
    await page.goto(gapBase + "/indicators/fast_track/");
    const rows = await page.locator("main table tbody tr").allInnerTexts();
    assert(rows.some((r) => r.includes("июль 2024") && r.includes("нет отчёта")), `rows ${JSON.stringify(rows.slice(0, 5))}`);
  });
  await check("gap fixture: the road map's theme table has a row for July 2024 saying «нет отчёта»", async () => {
    await page.goto(gapBase + "/roadmaps/dorogi/");
    const rows = await page.locator("main table tbody tr").allTextContents();
    assert(rows.some((r) => r.includes("июль 2024") && r.includes("нет отчёта")), `rows ${JSON.stringify(rows.slice(-6))}`);
  });
  await check("gap fixture: /reports/ lists July 2024 as «нет отчёта», without a link", async () => {
    await page.goto(gapBase + "/reports/");
    const items = await page.locator("ul.months li").allInnerTexts();
    const july = items.find((t) => t.startsWith("Июль 2024"));
    assert(july && july.includes("нет отчёта"), `items ${JSON.stringify(items)}`);
    assert((await page.locator("ul.months li", { hasText: "Июль 2024" }).locator("a").count()) === 0, "July links to a page that does not exist");
  });
  gap.close();
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

await check("at 360 px the stacked tables are still tables to a screen reader, with column and row heads, and name each value", async () => {
  await page.goto(base + "/reports/2024-02/");
  const tables = await accessibleTables(page);
  const form = tables.find((t) => t.name.startsWith("Достигнутые значения индикаторов"));
  assert(form, `no form table in ${JSON.stringify(tables)}`);
  assert(form.row === 30 && form.columnheader === 7 && form.rowheader === 28 && form.cell === 140, `the form reads ${JSON.stringify(form)}`);
  assert(tables.length >= 4 && tables.every((t) => t.columnheader > 0 && t.rowheader > 0 && t.cell > 0), JSON.stringify(tables));
  const labels = await page.evaluate(() => [...document.querySelectorAll("table.form tbody tr:first-child td")]
    .map((td) => getComputedStyle(td, "::before").content));
  assert(JSON.stringify(labels) === JSON.stringify(["none", '"Значение, единиц"', '"Прирост, единиц"', '"Прирост, %"', '"С начала года, единиц"']), `row 1 labels ${labels}`);
});

await check("the annual form shows 7 targets with plan and achieved", async () => {
  await page.goto(base + "/reports/2024/");
  const cells = (await page.locator("table.form tbody tr").nth(4).locator("td").allInnerTexts()).map((t) => t.trim());
  assert(cells.includes("70,0") && cells.includes("18,8"), `row 5 reads ${JSON.stringify(cells)}`);
});

await check("charts are images with a title and a description", async () => {
  await page.goto(base + "/reports/2024-02/");
  const charts = page.locator("svg[role=img]:visible");
  assert((await charts.count()) >= 2, "fewer than 2 charts");
  for (let i = 0; i < (await charts.count()); i++) {
    const c = charts.nth(i);
    const ids = (await c.getAttribute("aria-labelledby")) || "";
    assert(ids.split(" ").length === 2, `chart ${i} aria-labelledby="${ids}"`);
    // The phone drawing is named by the wide one's title and description (hidden on a phone,
    // read all the same through aria-labelledby).
    const [title, desc] = await page.evaluate((list) => list.split(" ").map((id) => {
      const e = document.getElementById(id);
      return e ? `${e.localName}:${e.textContent}` : "";
    }), ids);
    assert(title.startsWith("title:") && title.length > 11 && desc.startsWith("desc:") && desc.length > 15, `chart ${i} lacks words: ${title} | ${desc}`);
    const box = await c.boundingBox();
    assert(box && box.width <= 360 && box.height > 50, `chart ${i} box ${JSON.stringify(box)}`);
  }
  // And so a screen reader gets them: each chart shown is an image named with both.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  await cdp.detach();
  const images = nodes.filter((n) => !n.ignored && n.role.value === "image").map((n) => (n.name ? n.name.value : ""));
  assert(images.length === (await charts.count()), `${images.length} images in the accessibility tree`);
  for (const name of images) {
    assert(/по каналам|по темам/.test(name) && name.length > 40, `a chart is named «${name}»`);
  }
});

await check("search finds pages by Russian word forms, with JavaScript, under the pages' policy", async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  await reportViolations(ctx);
  const p = await ctx.newPage();
  const problems = watch(p);
  await p.goto(base + "/search/?q=" + encodeURIComponent("ямы на дорогах"));
  await p.waitForSelector("#search-results ol");
  const found = await p.locator("#search-results li a").allInnerTexts();
  assert(found.includes("Устранение причин обращений о ямах"), `found ${JSON.stringify(found)}`);
  await p.goto(base + "/search/?q=" + encodeURIComponent("дорога"));
  await p.waitForSelector("#search-results ol");
  const roads = await p.locator("#search-results li a").allInnerTexts();
  assert(roads.includes("Обращения по теме «Дороги»"), `found ${JSON.stringify(roads)}`);
  // A hostile query is shown as text: the page's own words, not markup.
  await p.goto(base + "/search/?q=" + encodeURIComponent("<img src=x onerror=alert(1)>"));
  await p.waitForSelector("#search-results h2");
  assert((await p.locator("#search-results img").count()) === 0, "the query became markup");
  assertClean(problems, "/search/");
  await ctx.close();
});

await check("the policy is in force: an event handler that got into a page does not run", async () => {
  const ctx = await browser.newContext();
  await reportViolations(ctx);
  const p = await ctx.newPage();
  const problems = watch(p);
  await p.goto(base + "/news/2024-03-04-hostile/");
  await p.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/no-such.png" onerror="window.__ran = 1">'));
  await p.waitForTimeout(300);
  assert(!(await p.evaluate(() => window.__ran)), "the inline handler ran");
  assert(problems.some((m) => /script-src|Content Security Policy/.test(m)), `no violation reported: ${problems.join(" | ")}`);
  await ctx.close();
});

if (serveUrl) {
  await check("the preview's reload script and error overlay run under the pages' policy", async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
    await reportViolations(ctx);
    const p = await ctx.newPage();
    const problems = watch(p);
    const polled = p.waitForRequest((r) => r.url().includes("/__vitrina/events"), { timeout: 10000 });
    await p.goto(serveUrl + "/reports/2024-02/");
    await polled;
    const month = path.join(serveRoot, "data/reports/2024-02.yaml");
    const good = fs.readFileSync(month, "utf8");
    assert(good.includes("fast_track: 45,"), "the fixture changed");
    fs.writeFileSync(month, good.replace("fast_track: 45,", "fast_track: -45,"));
    // The page reloads itself (the script works) and shows the errors, styled (the stylesheet loads).
    await p.waitForSelector("#vitrina-errors", { timeout: 20000 });
    const look = await p.evaluate(() => getComputedStyle(document.getElementById("vitrina-errors")).backgroundColor);
    assert(look === "rgb(255, 244, 244)", `the errors are not styled: ${look}`);
    fs.writeFileSync(month, good);
    await p.waitForFunction(() => !document.getElementById("vitrina-errors"), null, { timeout: 20000 });
    assertClean(problems, "the preview");
    await ctx.close();
  });
}

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

// Embedded pages (/embed/…), which another site frames from 300 to 1,000 px wide: no script
// at all, readable without scrolling sideways, no chart text under 12 px, nothing for axe; and
// at 800 px (an official site's text column) the height their full page offers holds them
// without leaving a wide empty band.
const embeds = [
  "/embed/reports/2024-02/", "/embed/reports/2024/", "/embed/indicators/fast_track/", "/embed/indicators/received_pos/",
  "/embed/roadmaps/dorogi/", "/region/embed/compare/fast_track/", "/region/alekseevka/embed/reports/2025-03/",
];
for (const width of [320, 1000]) {
  const ctx = await browser.newContext({ viewport: { width, height: 700 } });
  await reportViolations(ctx);
  await ctx.addInitScript({ content: axeSource });
  const p = await ctx.newPage();
  const problems = watch(p);
  for (const url of embeds) {
    await check(`${url} framed at ${width} px: no horizontal scrolling, no chart text under 12 px, no WCAG violation, no CSP violation`, async () => {
      problems.length = 0;
      const resp = await p.goto(base + url);
      assert(resp.ok(), `HTTP ${resp.status()}`);
      const policy = await p.getAttribute("meta[http-equiv=Content-Security-Policy]", "content");
      assert(policy && policy.includes("script-src 'none'"), `policy ${policy}`);
      const scrollWidth = await p.evaluate(() => document.documentElement.scrollWidth);
      assert(scrollWidth <= width, `the page is ${scrollWidth} px wide`);
      const { small } = await smallChartText(p);
      assert(small.length === 0, `chart text ${small.slice(0, 5).join("; ")}`);
      const v = await axeViolations(p);
      assert(v.length === 0, v.join("; "));
      assertClean(problems, url);
    });
  }
  await ctx.close();
}
{
  const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, javaScriptEnabled: false });
  const p = await ctx.newPage();
  for (const url of embeds) {
    await check(`${url}: the iframe code of its full page points at it, with a height that holds it at 800 px`, async () => {
      await p.goto(base + url.replace("/embed/", "/"));
      const code = await p.textContent("details.embed-offer pre code");
      const src = /src="([^"]+)"/.exec(code)[1];
      const height = Number(/height="(\d+)"/.exec(code)[1]);
      assert(src.endsWith(url.replace(/^\/region\//, "/")), `src ${src}`);
      await p.goto(base + url);
      const content = await p.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom));
      assert(height >= content * 0.9 && height <= content * 1.4 + 100, `height ${height} for ${content} px of content`);
    });
  }
  await ctx.close();
}

await check("the region's ranking on a target is drawn at 360 px, with its plan line", async () => {
  await page.goto(base + "/region/compare/fast_track/");
  const shown = await page.evaluate(() => [...document.querySelectorAll("svg.chart")]
    .filter((svg) => svg.getClientRects().length > 0 && svg.getBoundingClientRect().width > 0)
    .map((svg) => ({ ids: svg.getAttribute("aria-labelledby") || "", texts: [...svg.querySelectorAll("text")].map((t) => t.textContent) })));
  const ranking = shown.find((c) => c.ids.startsWith("rank-"));
  assert(ranking, `visible charts: ${JSON.stringify(shown.map((c) => c.ids))}`);
  assert(ranking.texts.includes("план"), `ranking texts: ${ranking.texts.join(", ")}`);
});

await check("an open-data passport's JSON-LD is read as data: parsed, and no CSP violation with JavaScript on", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await reportViolations(ctx);
  const p = await ctx.newPage();
  const problems = watch(p);
  await p.goto(base + "/opendata/9900000017-mcu-indicators/");
  const ld = JSON.parse(await p.textContent("script[type='application/ld+json']"));
  assert(ld["@type"] === "Dataset" && ld.distribution.length === 3, JSON.stringify(ld).slice(0, 200));
  await p.waitForLoadState("networkidle");
  assertClean(problems, "the passport");
  await ctx.close();
});

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
