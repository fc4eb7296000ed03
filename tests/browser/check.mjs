// Checks a publication folder written by `gyokaku publish`:
//   1. every page (and style.css) with the Nu HTML Checker (vnu-jar, run with java): no errors;
//   2. every page in headless Chromium (one browser launch) at 1280 px and 360 px wide:
//      axe-core finds no wcag2a/wcag2aa violation, the page does not scroll sideways at
//      360 px, no request leaves the folder (every request is intercepted), no table is
//      wider than the viewport or its box (on a phone a scroll region with sticky row
//      headers may be), table numbers (表N) are unique, chart text stays inside its
//      viewBox and is at least 12 px;
//   3. every internal link (a, link) resolves to a file in the folder, and its #fragment
//      to an element of the target page.
// Usage: node check.mjs FOLDER... [--screenshots DIR] [--chromium PATH]
// Prints one line per problem and a closing "N passed, N failed" line; exit 1 on problems.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folders = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i].startsWith("--")) {
    i += 1;
  } else {
    folders.push(path.resolve(args[i]));
  }
}
const screenshots = option("--screenshots");
const chromiumPath = option("--chromium") ?? "/usr/bin/chromium";
const widths = [1280, 360];

if (folders.length === 0 || folders.some((f) => !fs.existsSync(path.join(f, "index.html")))) {
  console.error(`usage: node check.mjs FOLDER... (each with index.html) [--screenshots DIR]`);
  process.exit(2);
}

const problems = [];
let checks = 0;
const check = (ok, message) => {
  checks += 1;
  if (!ok) {
    problems.push(message);
    console.log(`FAIL ${message}`);
  }
};
const timings = {};
const timed = async (name, f) => {
  const start = Date.now();
  const result = await f();
  timings[name] = (Date.now() - start) / 1000;
  return result;
};

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
const files = folders.flatMap((f) => walk(f).sort());
const pages = files.filter((f) => f.endsWith(".html"));
const folderOf = (f) => folders.find((d) => f.startsWith(d + path.sep));
const rel = (f) =>
  folders.length > 1
    ? `${folders.indexOf(folderOf(f)) + 1}:${path.relative(folderOf(f), f)}`
    : path.relative(folderOf(f), f);

// 1. Nu HTML Checker.
await timed("vnu", async () => {
  const jar = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  const css = files.filter((f) => f.endsWith(".css"));
  const run = spawnSync(
    "java",
    ["-Xss4m", "-jar", jar, "--format", "json", "--also-check-css", ...pages, ...css],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error) {
    check(false, `vnu: java could not be started: ${run.error.message}`);
    return;
  }
  let report;
  try {
    report = JSON.parse(run.stderr || run.stdout || "{}");
  } catch (e) {
    check(false, `vnu: unreadable output: ${(run.stderr || "").slice(0, 500)}`);
    return;
  }
  const messages = report.messages ?? [];
  const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
  const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
  for (const m of errors) {
    check(false, `vnu: ${rel(fileURLToPath(m.url))}:${m.lastLine ?? "?"}: ${m.message}`);
  }
  for (const m of warnings) {
    console.log(`note vnu warning: ${rel(fileURLToPath(m.url))}:${m.lastLine ?? "?"}: ${m.message}`);
  }
  console.log(`vnu: ${pages.length} pages + ${css.length} css, ${errors.length} errors, ${warnings.length} warnings`);
});

// 3. Links (statically, from the files).
await timed("links", async () => {
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const text = fs.readFileSync(file, "utf8");
      ids.set(file, new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    }
    return ids.get(file);
  };
  let links = 0;
  for (const page of pages) {
    const text = fs.readFileSync(page, "utf8");
    for (const m of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = m[1].replaceAll("&amp;", "&");
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
        // Absolute addresses are allowed only for the canonical link and links (a href) to
        // https pages, neither of which is requested by the page.
        const tag = text.slice(text.lastIndexOf("<", m.index), m.index);
        const link = /^<a(\s|$)/.test(tag) && raw.startsWith("https://");
        check(tag.includes('rel="canonical"') || link, `${rel(page)}: absolute address ${raw}`);
        continue;
      }
      links += 1;
      const [target, fragment] = raw.split("#");
      const file = target === "" ? page : path.resolve(path.dirname(page), decodeURIComponent(target));
      const inside = file.startsWith(folderOf(page) + path.sep);
      check(inside, `${rel(page)}: link ${raw} leaves the folder`);
      check(inside && fs.existsSync(file), `${rel(page)}: link ${raw} has no file`);
      if (fragment && inside && fs.existsSync(file) && file.endsWith(".html")) {
        check(idsOf(file).has(decodeURIComponent(fragment)), `${rel(page)}: link ${raw}: no id "${fragment}"`);
      }
    }
  }
  console.log(`links: ${links} internal links checked`);
});

// 2. Browser: axe-core at each width, no request outside the folder, no sideways scrolling.
const { chromium } = await import("playwright-core");
const axeSource = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gyokaku-chromium-"));
let context;
await timed("browser", async () => {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
    ],
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: true,
  });
  let folderUrl = "";
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(folderUrl)) {
      return route.continue();
    }
    outside.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let violations = 0;
  const shots = new Set(folders.flatMap((d) => {
    const own = pages.filter((p) => folderOf(p) === d);
    return [own.find((p) => p.endsWith("index.html")), own.find((p) => /item-[^/]*$/.test(p))];
  }));
  for (const file of pages) {
    const name = rel(file);
    folderUrl = pathToFileURL(folderOf(file)).href + "/";
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      outside.length = 0;
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      check(outside.length === 0, `${name} @${width}px: requests outside the folder: ${outside.join(", ")}`);
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } }),
      );
      for (const v of result.violations) {
        violations += 1;
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
        check(false, `${name} @${width}px: axe ${v.id} (${v.impact}): ${v.help} — ${where}`);
      }
      checks += 1;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `${name} @${width}px: the page scrolls sideways by ${overflow}px`);
      // Tables: none wider than the viewport or its box, except (on a phone) an intentional
      // scroll region (role=region, tabindex=0, a name) whose row headers stay (sticky).
      const tables = await page.evaluate(() =>
        [...document.querySelectorAll("table")].map((t) => {
          const box = t.parentElement;
          const caption = t.caption ? t.caption.textContent.trim() : "";
          const named = box.getAttribute("aria-labelledby") || box.getAttribute("aria-label");
          const region = box.getAttribute("role") === "region" && box.getAttribute("tabindex") === "0" && !!named
            && getComputedStyle(box).overflowX === "auto";
          const rowHeads = [...t.querySelectorAll("tbody th[scope=row]")];
          const sticky = rowHeads.length > 0 && rowHeads.every((th) => getComputedStyle(th).position === "sticky");
          return {
            caption,
            width: Math.ceil(t.getBoundingClientRect().width),
            box: box.clientWidth,
            viewport: window.innerWidth,
            scrollRegion: region && sticky,
          };
        }),
      );
      for (const t of tables) {
        const over = t.width > t.box + 1 || t.width > t.viewport;
        const allowed = width < 600 && t.scrollRegion;
        check(!over || allowed, `${name} @${width}px: table "${t.caption.slice(0, 40)}" is ${t.width}px wide in ${t.box}px${t.scrollRegion ? " (a scroll region, but not on a phone)" : ""}`);
      }
      // Table numbers (表N at the start of a caption) are unique on a page.
      const numbers = tables.map((t) => (t.caption.match(/^表\d+/) ?? [null])[0]).filter(Boolean);
      const twice = numbers.filter((n, i) => numbers.indexOf(n) !== i);
      check(twice.length === 0, `${name}: table numbers used twice: ${[...new Set(twice)].join(", ")}`);
      // Chart text: inside the viewBox, and at least 12 px on screen.
      const texts = await page.evaluate(() =>
        [...document.querySelectorAll("svg")].flatMap((svg) => {
          const vb = svg.viewBox.baseVal;
          return [...svg.querySelectorAll("text")].map((t) => {
            const b = t.getBBox();
            const r = t.getBoundingClientRect();
            const scale = svg.getBoundingClientRect().width / vb.width;
            return {
              text: t.textContent,
              inside: b.x >= vb.x - 0.5 && b.y >= vb.y - 0.5 && b.x + b.width <= vb.x + vb.width + 0.5 && b.y + b.height <= vb.y + vb.height + 0.5,
              px: parseFloat(getComputedStyle(t).fontSize) * scale,
              visible: r.width > 0,
            };
          });
        }),
      );
      for (const t of texts.filter((t) => t.visible)) {
        check(t.inside, `${name} @${width}px: chart text "${t.text}" outside its viewBox`);
        check(t.px >= 11.95, `${name} @${width}px: chart text "${t.text}" is ${t.px.toFixed(1)}px`);
      }
      if (screenshots && shots.has(file)) {
        fs.mkdirSync(screenshots, { recursive: true });
        const shot = path.join(screenshots, `${name.replace(/\.html$/, "").replace(":", "-")}-${width}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        console.log(`screenshot: ${shot}`);
      }
    }
  }
  console.log(`axe: ${pages.length} pages × ${widths.length} widths, ${violations} violations`);
  await context.close();
});
fs.rmSync(userDataDir, { recursive: true, force: true });

console.log(
  `timings: vnu ${timings.vnu?.toFixed(1)} s, links ${timings.links?.toFixed(1)} s, browser ${timings.browser?.toFixed(1)} s`,
);
console.log(`${checks - problems.length} passed, ${problems.length} failed`);
process.exit(problems.length > 0 ? 1 : 0);
