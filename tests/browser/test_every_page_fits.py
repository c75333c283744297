"""Every page and every slide kind at the five screen sizes a city shows it on (the three
projectors, a laptop and a leader's phone): no number, label or heading cut short, no
English word in the Chinese UI outside the allow-list, no chart title under its legend or
past its chart, no rotated chart label, nothing wider than the screen. Screenshots go to
docs/screenshots/ to be looked at."""

from pprint import pformat

import pytest

from dashboard.navigation import PAGES
from tests.browser.conftest import (
    SCREENSHOTS,
    load,
    new_context,
    sign_in,
    wait_drawn,
    wait_for_cookie,
)

SIZES = [(1920, 1080), (1366, 768), (1280, 720), (1024, 768), (390, 844)]
SLIDES = {
    "screen": "play=screen:600",
    "screen-red": "play=screen:600&theme=red&map=reporting",
    "overview": "play=overview:600",
    "ranking": "play=coverage:600",
    "tour": "play=tour:600",
    "tour-red": "play=tour:600&theme=red",
    "nodes": "play=nodes:600",
    "points": "play=points:600",
    "supervision": "play=supervision:600&theme=red",
    "appraisal": "play=appraisal:600",
}
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'

# Text that holds its box: every element inside these whose text runs past its width
# (an ellipsis "24,7…", or text clipped or spilling out).
CUT = """() => {
  const roots = document.querySelectorAll([
    '[data-testid="stMetricValue"]', '[data-testid="stMetricLabel"]', 'h1', 'h2', 'h3',
    '[data-testid="stMain"] button', '[data-testid="stPageLink"]', '.kpi', '.topbar',
    '.bar .value',
  ].join(', '));
  const cut = [];
  for (const root of roots) {
    if (!root.getClientRects().length) continue;
    const over = [root, ...root.querySelectorAll('*')].find(e =>
      e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim());
    if (over) {
      const text = over.textContent.trim().slice(0, 30);
      cut.push(`${text} (${over.scrollWidth} > ${over.clientWidth})`);
    }
  }
  return cut;
}"""

# Every visible text (charts' SVG text included; icons, drawn from ligature names, left
# out), as the latin words it holds.
WORDS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const words = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const skipped = 'script, style, noscript, [data-testid="stIconMaterial"]';
    if (!parent || parent.closest(skipped)) continue;
    if (getComputedStyle(parent).fontFamily.includes('Material')) continue;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    // shown to screen readers only ("Skip to main content"): clipped to a pixel
    const box = parent.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    for (const word of node.textContent.match(/[A-Za-z][A-Za-z0-9]*/g) || []) words.add(word);
  }
  return [...words];
}"""
# Words a Chinese reader expects: file formats, units, keys a presenter presses, the other
# language by its name; and the test account's name (data, as a unit's code is)
ALLOWED = {
    "CSV",
    "Excel",
    "csv",
    "xlsx",
    "UTF",
    "GBK",
    "MB",
    "KB",
    "PageUp",
    "PageDown",
    "Esc",
    "B",
    "root",
    "English",  # the language switch offers it by its own name
}

OVERLAPPING = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const title = plot.querySelector('.gtitle'), legend = plot.querySelector('.legend');
  if (!title || !legend) return [];
  const a = title.getBoundingClientRect(), b = legend.getBoundingClientRect();
  const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return overlap ? [title.textContent] : [];
})"""

ROTATED = """() => [...document.querySelectorAll(
    '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .bartext')]
  .filter(e => /rotate\\(\\s*-?[1-9]/.test(e.getAttribute('transform') || ''))
  .map(e => e.textContent)"""

# a chart title runs past its chart (SVG text does not wrap or clip itself)
TITLE_CUT = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const title = plot.querySelector('.gtitle'), chart = plot.querySelector('.main-svg');
  if (!title || !chart) return [];
  const a = title.getBoundingClientRect(), b = chart.getBoundingClientRect();
  return a.right > b.right + 1 || a.left < b.left - 1 ? [title.textContent] : [];
})"""

WIDER = "() => document.scrollingElement.scrollWidth > window.innerWidth"


def english(page) -> list[str]:
    return sorted(
        word
        for word in page.evaluate(WORDS)
        if word not in ALLOWED and not (word[0].isupper() and any(c.isdigit() for c in word))
    )


def problems(page) -> dict[str, list]:
    found = {
        "cut": page.evaluate(CUT),
        "english": english(page),
        "title under legend": page.evaluate(OVERLAPPING),
        "title past its chart": page.evaluate(TITLE_CUT),
        "rotated": page.evaluate(ROTATED),
        "wider than the screen": [True] if page.evaluate(WIDER) else [],
        "error": [page.locator(ERRORS).count()] if page.locator(ERRORS).count() else [],
    }
    return {name: what for name, what in found.items() if what}


@pytest.fixture(scope="module")
def signed_in(sample_server, chromium):
    context = new_context(chromium)
    page = context.new_page()
    load(page, sample_server)
    sign_in(page, "root")
    wait_for_cookie(page)
    yield page
    context.close()


def check_sizes(page, name: str) -> dict[str, dict]:
    seen = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        wait_drawn(page)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}x{height}.png")
        found = problems(page)
        if found:
            seen[f"{width}x{height}"] = found
    return seen


@pytest.mark.parametrize("key", list(PAGES))
def test_every_page_fits_every_size(sample_server, signed_in, key):
    filename, title, _ = PAGES[key]
    path = "" if key == "overview" else filename.removesuffix(".py")  # the default is at /
    load(signed_in, f"{sample_server}/{path}")
    signed_in.get_by_role("heading", name=title, exact=True).wait_for()
    seen = check_sizes(signed_in, filename.removesuffix(".py"))
    assert seen == {}, pformat(seen, width=100)


@pytest.mark.parametrize("kind", list(SLIDES))
def test_every_slide_kind_fits_every_size(sample_server, signed_in, kind):
    load(signed_in, f"{sample_server}/?present=1&{SLIDES[kind]}")
    signed_in.locator(".slide .topbar .title").wait_for()
    seen = check_sizes(signed_in, f"slide-{kind}")
    assert seen == {}, pformat(seen, width=100)
