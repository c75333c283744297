"""With ?lang=en, nothing a user reads on a page is Chinese but the units' own names and
the import template's column headers (what a file must be headed with): titles,
captions, notes, widget labels and options, table headers and flags, and the charts'
titles, axes, legends and colour bars."""

import json
import re

import pytest

from data_access.imports.entities import ENTITIES
from tests import work_city
from tests.pages.helpers import open_page
from tests.pages.test_english import TITLES
from tests.small_city import PARTY_ORGS, UNITS

CHINESE = re.compile(r"[\u4e00-\u9fff]")
# data, not labels: the small city's unit and organisation names, its work's titles,
# targets, issues, roles and actions, and the template headers
NAMES = [unit["name"] for unit in UNITS] + [org[2] for org in PARTY_ORGS] + work_city.TEXTS
HEADERS = [h for entity in ENTITIES.values() for h in entity.required_headers]
DATA = re.compile("|".join(sorted({*NAMES, *HEADERS}, key=len, reverse=True)))


def chart_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    title = layout.get("title", {})
    texts = [title.get("text", ""), title.get("subtitle", {}).get("text", "")]
    texts += [
        str(layout[axis].get("title", {}).get("text", ""))
        for axis in layout
        if axis.startswith(("xaxis", "yaxis"))
    ]
    texts += [str(a.get("text", "")) for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        bar = trace.get("colorbar") or trace.get("marker", {}).get("colorbar", {})
        texts += [str(trace.get("name", "")), str(bar.get("title", {}).get("text", ""))]
        texts += [str(tick) for tick in trace.get("y", []) if trace.get("type") == "heatmap"]
    return texts


def texts(at) -> list[str]:
    found: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption"):
        found += [element.value for element in getattr(at, kind)]
    for kind in ("info", "warning", "error", "success", "expander", "tabs"):
        found += [getattr(element, "label", None) or element.value for element in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "radio", "button", "number_input", "text_input"):
        for widget in getattr(at, kind):
            found.append(widget.label)
            found += [str(option) for option in getattr(widget, "options", [])]
    for kind in ("slider", "toggle", "checkbox", "date_input"):
        found += [widget.label for widget in getattr(at, kind)]
    for frame in at.dataframe:
        found += [str(column) for column in frame.value.columns]
        configured = json.loads(frame.proto.columns or "{}")  # headers set by column_config
        found += [str(column.get("label", "")) for column in configured.values()]
        found += [str(v) for v in frame.value.to_numpy().ravel() if isinstance(v, str)]
    for chart in at.get("plotly_chart"):
        found += chart_texts(json.loads(chart.proto.spec))
    return found


@pytest.mark.parametrize("page", TITLES)
def test_nothing_chinese_but_names_with_lang_en(app, city, page):
    with city.begin() as conn:  # tasks, nodes, items and records for the work pages
        work_city.load(conn)
    at = open_page(app, "root", page, lang="en")
    assert [text for text in texts(at) if CHINESE.search(DATA.sub("", text))] == []


def test_the_check_reads_chinese_by_default(app):
    """The same reading finds Chinese without ?lang=en: it looks where the words are."""
    at = open_page(app, "root", "meetings.py")
    found = [text for text in texts(at) if CHINESE.search(DATA.sub("", text))]
    assert {"各月会议次数", "周一", "单位数（个）", "按期"} <= set(found)
