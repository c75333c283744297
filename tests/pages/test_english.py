"""The English switch under AppTest: ?lang=en shows every page's title and metric labels
in English; Chinese is the default; the sidebar switch changes it and keeps it in the URL."""

import re

import pytest

from tests.data_access.test_imports import PROBLEMS
from tests.pages.helpers import metrics, open_page
from tests.pages.test_data_import import upload
from tests.pages.test_presentation import slide_html

CHINESE = re.compile(r"[\u4e00-\u9fff]")

TITLES = {
    "overview.py": ("总览", "Overview"),
    "grid_coverage.py": ("网格覆盖", "Grid coverage"),
    "double_reporting.py": ("双报到", "Double reporting"),
    "meetings.py": ("会议统计", "Meetings"),
    "comparison.py": ("区域比较", "Area comparison"),
    "composite_score.py": ("综合评分与推演", "Composite score and what-if"),
    "work_tracking.py": ("任务督办", "Tasks and supervision"),
    "appraisal.py": ("述职评议", "Secretaries' appraisal"),
    "duty_records.py": ("履责记实", "Duty records"),
    "reporting_status.py": ("报送情况", "Submissions"),
    "data_import.py": ("数据导入", "Data import"),
    "users_admin.py": ("用户管理", "Users"),
}


def title(at) -> str:
    return at.main.title[0].value


@pytest.mark.parametrize("page", TITLES)
def test_every_page_title_and_metric_label_is_english_with_lang_en(app, page):
    at = open_page(app, "root", page, lang="en")
    assert title(at) == TITLES[page][1]
    shown = metrics(at)
    assert not [label for label in shown if CHINESE.search(label)], shown
    assert not [value for value in shown.values() if CHINESE.search(value)], shown


@pytest.mark.parametrize("page", TITLES)
def test_every_page_is_chinese_by_default(app, page):
    at = open_page(app, "root", page)
    assert title(at) == TITLES[page][0]


def test_the_english_metrics_hold_the_same_numbers(app):
    at = open_page(app, "lead", "grid_coverage.py", lang="en")
    assert metrics(at) == {
        "Grid party organisation coverage": "60.0%",
        "Grid worker staffing rate": "60.0%",
        "Households per grid worker": "463",
        "Communities meeting the worker quota": "50.0%",
    }
    at = open_page(app, "lead", "double_reporting.py", lang="en")
    assert metrics(at) == {
        "Reported serving members": "4",
        "Reporting rate": "57.1%",
        "Active rate (90 days)": "75.0%",
        "Service hours per member": "3.3 h",
        "Reported organisations": "2",
    }
    at = open_page(app, "lead", "composite_score.py", lang="en")
    assert metrics(at)["Workers in post"] == "11"  # M1 6 + M2 5 (tests/small_city.py)


def test_the_import_check_counts_in_english(app):
    at = open_page(app, "root", "data_import.py", lang="en")
    at.selectbox(key="import_entity").set_value("problems").run()
    at = upload(at, "问题.csv", PROBLEMS.encode("gbk"))
    assert metrics(at) == {
        "To insert": "3 rows",
        "To update": "0 rows",
        "Unchanged": "0 rows",
        "With problems": "0 rows",
    }


def test_the_sidebar_switch_changes_the_language_and_the_url(app):
    at = open_page(app, "lead", "meetings.py")
    assert "lang" not in at.query_params
    at.sidebar.get("button_group")[0].set_value("en").run()
    assert title(at) == "Meetings"
    assert at.query_params["lang"] == "en"
    assert "Meetings held" in metrics(at)
    # another page keeps the language
    at.switch_page("../pages/overview.py").run()
    assert title(at) == "Overview"
    at.sidebar.get("button_group")[0].set_value("zh").run()
    assert title(at) == "总览" and "lang" not in at.query_params


def test_the_sign_in_form_follows_the_link(app):
    at = app(None, lang="en")
    assert [b.label for b in at.button] == ["Sign in"]
    assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_the_slides_speak_english_with_lang_en(app):
    at = app("viewer", present="1", lang="en", play="overview:5,tour:5")
    html = slide_html(at)
    assert '<div class="title">Overview</div>' in html
    assert 'Grid party organisation coverage</div><div class="value">60.0%' in html
    assert '<span class="sample">Sample data</span>' in html
    assert [b.label for b in at.main.button][:3] == ["Previous", "Pause", "Next"]
    assert any("Slide 1 / 3 · 5 s each" in c.value for c in at.main.caption)


def test_the_big_screen_speaks_english_but_for_the_units_names(app):
    html = slide_html(app("viewer", present="1", lang="en", play="screen:30"))
    assert '<div class="title">Grassroots governance at a glance</div>' in html
    assert "Grid party organisation coverage: brighter is higher" in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert CHINESE.findall(text.replace("甲区", "").replace("乙区", "")) == []
