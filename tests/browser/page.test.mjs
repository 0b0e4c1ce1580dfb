// tests/browser/page.test.mjs BASE_URL OUT_DIR SHARED_DIR: drive the page of
// `sift serve` in Debian's headless chromium (playwright-core) over a store
// of the seeds plus hostile reports (fixtures/xss-*): home, search, a
// report with its clutter, the hostile reports rendered as text with nothing
// run, and the story view. The story view is checked twice: on a made-up
// story served by intercepting the API (fixtures/story.json, so the page's
// drawing is tested before clustering exists), and on the store's own first
// storyline against the gold timeline and disagreements when /api/stories
// answers (issues 3 and 4). Screenshots go to OUT_DIR.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const [base, outDir, shared] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log("ok   " + name);
  } else {
    failed++;
    console.log("FAIL " + name + (detail ? ": " + detail : ""));
  }
}
function skip(name, why) {
  skipped++;
  console.log("skip " + name + ": " + why);
}

const userDataDir = mkdtempSync(join(tmpdir(), "sift-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1200, height: 900 },
});
const page = context.pages()[0] || (await context.newPage());

// Anything that would show hostile markup ran: a dialog, a CSP report of a
// blocked inline script or handler, a marker the payloads set.
const incidents = [];
page.on("dialog", async (d) => {
  incidents.push("dialog: " + d.message());
  await d.dismiss();
});
page.on("console", (m) => {
  if (/Content Security Policy|Refused to/i.test(m.text())) {
    incidents.push("csp: " + m.text());
  }
});
page.on("pageerror", (e) => incidents.push("page error: " + e.message));

async function noHostileNodes(where) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) {
      return "no " + sel;
    }
    const bad = root.querySelectorAll("script, img, svg, iframe, b, [onerror], [onload], [onmouseover]");
    const badHref = [...root.querySelectorAll("a")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") || ""));
    if (bad.length || badHref.length) {
      return "found " + [...bad].map((e) => e.tagName).concat(badHref.map(() => "javascript: link")).join(",");
    }
    if (window.__siftXss !== undefined) {
      return "payload ran";
    }
    return "";
  }, where);
}

try {
  // ---- home: storylines, or the reports newest first --------------------
  await page.goto(base, { waitUntil: "networkidle" });
  await page.waitForSelector("ol.stories li, ol.reports li", { timeout: 10000 });
  const nRows = await page.locator("ol.stories li, ol.reports li").count();
  const nStories = await page.locator("ol.stories li").count();
  // storylines: the seeds' one and the hostile fixtures'; else 5+ reports
  check("home lists storylines or reports", nStories ? nStories >= 2 : nRows >= 5, nRows + " rows");
  await page.screenshot({ path: join(outDir, "home.png"), fullPage: true });

  // ---- search by words ----------------------------------------------------
  await page.fill("#q", "prisoner exchange");
  await page.click("#search button");
  // (locators, not waitForFunction: the page's CSP forbids the eval it polls with)
  await page.waitForURL(/#\/search\?/);
  await page.locator("main h2", { hasText: /^Search/ }).waitFor();
  await page.waitForSelector("ol.reports li");
  const hits = await page.locator("ol.reports li").count();
  check("search finds reports by words", hits >= 1 && hits <= 5, hits + " hits");
  const countText = await page.textContent("main .count");
  check("search shows its count", /\d+ reports?/.test(countText || ""), countText);

  // ---- a report: clean text, metadata, clutter ----------------------------
  await page.click("ol.reports li a");
  await page.waitForSelector("#report .body");
  const nBlocks = await page.locator("#report .body > *").count();
  check("a report opens with its clean text", nBlocks >= 3, nBlocks + " blocks");
  check("a report shows what clutter was removed", (await page.locator("#report details.clutter summary").count()) === 1);
  await page.screenshot({ path: join(outDir, "report.png"), fullPage: true });

  // ---- date range: an empty range says so, a bad one does not break ------
  await page.goto(base + "#/search?from=1990-01-01&to=1990-12-31", { waitUntil: "networkidle" });
  await page.waitForSelector("main .count");
  check("a date range with no reports shows 0", /^0 reports/.test((await page.textContent("main .count")) || ""));

  // ---- hostile reports render as text, nothing runs -----------------------
  for (const [word, literal] of [["fixturealpha", "<script>window.__siftXss = 1; alert(1)</script>"],
    ["fixturebeta", "<img src=x onerror=alert(7)>"]]) {
    await page.goto(base + "#/search?q=" + word, { waitUntil: "networkidle" });
    await page.waitForSelector("ol.reports li a");
    const listTitle = await page.textContent("ol.reports li a");
    check("hostile title listed as text (" + word + ")", (listTitle || "").includes(literal), listTitle);
    check("no markup from a title in the list (" + word + ")", (await noHostileNodes("main")) === "");
    await page.click("ol.reports li a");
    await page.waitForSelector("#report .body");
    const title = await page.textContent("#report .report-title");
    check("hostile title shown literally (" + word + ")", (title || "").includes(literal), title);
    const bodyText = await page.textContent("#report .body");
    check("hostile body shown literally (" + word + ")", /<script>alert\((5|8)\)<\/script>/.test(bodyText || ""), (bodyText || "").slice(0, 120));
    const found = await noHostileNodes("#report");
    check("no hostile element or handler in the report (" + word + ")", found === "", found);
    await page.screenshot({ path: join(outDir, "xss-" + word + ".png"), fullPage: true });
  }

  // ---- the story view on a made-up story ----------------------------------
  const fixture = readFileSync(join(here, "fixtures", "story.json"), "utf8");
  await page.route("**/api/stories/S900", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: fixture }));
  await page.goto(base + "#/story/S900", { waitUntil: "networkidle" });
  await page.waitForSelector("#story");
  const tl = await page.$$eval("ol.timeline .tl-item", (els) => els.map((e) => e.getAttribute("data-date")));
  check("timeline drawn in date order", JSON.stringify(tl) === JSON.stringify(["2024-03-01", "2024-03-05", "2024-03-20"]), JSON.stringify(tl));
  const gaps = await page.$$eval("ol.timeline .tl-item", (els) => els.map((e) => parseFloat(getComputedStyle(e).marginTop)));
  check("timeline spaced by time", gaps[2] > gaps[1] && gaps[1] > 0, JSON.stringify(gaps));
  check("disagreement highlighted", await page.locator(".disagreements .disagreement .tag.conflict").isVisible());
  const bg = await page.$eval(".disagreement", (e) => getComputedStyle(e).backgroundColor);
  check("disagreement has its own colour", bg !== "rgba(0, 0, 0, 0)", bg);
  check("claims show source counts", ((await page.textContent(".claims")) || "").includes("2 outlets"));
  check("quotes grouped by speaker", (await page.locator(".quotes .speaker").count()) === 2);
  check("summary cites reports", (await page.locator(".summary a.cite").count()) === 3);
  for (const sel of [".entities", ".outlets", ".copies", ".events", ".story-reports"]) {
    check("story section " + sel, (await page.locator(sel).count()) === 1);
  }
  const storyText = await page.textContent("#story");
  check("story text shown literally", storyText.includes("<script>alert('label')</script>") && storyText.includes("<b onmouseover=alert('d')>three weeks</b>"));
  const foundStory = await noHostileNodes("#story");
  check("no hostile element or handler in the story", foundStory === "", foundStory);
  await page.screenshot({ path: join(outDir, "story-fixture.png"), fullPage: true });
  await page.unroute("**/api/stories/S900");

  // ---- the store's own storyline, against the gold reading ----------------
  const resp = await page.request.get(base + "api/stories");
  if (resp.status() === 501) {
    skip("seed storyline timeline and disagreements", "/api/stories answers 501 (no storylines in this build yet)");
  } else {
    check("/api/stories answers", resp.ok(), String(resp.status()));
    const list = await resp.json();
    const gold = JSON.parse(readFileSync(join(shared, "gold", "seeds.json"), "utf8"));
    await page.goto(base, { waitUntil: "networkidle" });
    await page.waitForSelector("ol.stories li a");
    check("home lists the seed storyline", list.total >= 1);
    // the seeds' storyline is the one with the most reports (the hostile
    // fixtures make storylines of their own)
    const best = list.stories.reduce((a, b) => (b.n_reports > a.n_reports ? b : a));
    await page.click('ol.stories li a[href="#/story/' + best.id + '"]');
    await page.waitForSelector("#story");
    const story = await page.request.get(base + "api/stories/" + encodeURIComponent(best.id)).then((r) => r.json());
    const shown = await page.$$eval("ol.timeline .tl-item", (els) => els.map((e) => e.getAttribute("data-date")));
    const want = gold.timeline.map((t) => t.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    const missing = want.filter((d) => !shown.some((x) => x.startsWith(d)));
    check("timeline shows the gold dates", missing.length === 0, "missing " + missing.join(", "));
    check("a disagreement is shown", Array.isArray(story.disagreements) && story.disagreements.length >= 1
      && (await page.locator(".disagreement").count()) >= 1);
    for (const sel of [".summary", ".claims", ".quotes", ".numbers", ".variants", ".citations", ".entities", ".events", ".story-reports"]) {
      check("seed story section " + sel, (await page.locator(sel).count()) === 1);
    }
    const citesText = (await page.textContent(".citations")) || "";
    check("who cites whom names the cited source", citesText.includes("cites Reuters"), citesText.slice(0, 200));
    const varText = (await page.textContent(".variants")) || "";
    check("spelling variants shown as variants", varText.includes("Kiev"), varText.slice(0, 200));
    await page.screenshot({ path: join(outDir, "story.png"), fullPage: true });
    // every other storyline holds the hostile fixtures: drawn inert
    for (const st of list.stories.filter((x) => x.id !== best.id)) {
      await page.goto(base + "#/story/" + encodeURIComponent(st.id), { waitUntil: "networkidle" });
      await page.waitForSelector("#story");
      const found = await noHostileNodes("#story");
      check("hostile storyline " + st.id + " drawn inert", found === "", found);
    }
    await page.screenshot({ path: join(outDir, "story-hostile.png"), fullPage: true });
  }
  check("nothing hostile ran anywhere", incidents.length === 0, incidents.join(" | "));
} catch (e) {
  check("browser run completes", false, e.message);
  await page.screenshot({ path: join(outDir, "failure.png"), fullPage: true }).catch(() => {});
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
