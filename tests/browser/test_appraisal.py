"""述职评议 in a real browser: three voters on phones (390x844) vote with their codes, a
second submit and a used code are refused, the projector counts the ballots as they
come, and when the admin closes the vote on the page the slide publishes the
hand-computed result. Screenshots of the ballot page and the result slide.

The three ballots, on tests/appraisal_city.py's posts and scores:
- 东园: 好 好 较好 -> [2, 1, 0, 0], share 2/3, vote 280/3 = 93.33;
  composite 46.67 + 27 + 17 = 90.67: 良好 (under 85% "好"), rank 2.
- 西园: 好 较好 好 -> the same votes; composite 46.67 + 28.5 + 18 = 93.17: 良好, rank 1.
- 南湾: 好 差 一般 -> [1, 0, 1, 1], share 1/3, vote 160/3 = 53.33;
  composite 26.67 + 21 + 12 = 59.67: 较差, rank 3, 末位.
"""

import re
from datetime import UTC, datetime, timedelta

from data_access import appraisal
from tests.appraisal_city import create, issue
from tests.browser.conftest import (
    SCREENSHOTS,
    load,
    new_context,
    open_app,
    run_after,
    sign_in,
    wait_drawn,
    wait_for_cookie,
)

POSTS = ["1. 东园社区 社区党委书记", "2. 西园社区 社区党委书记", "3. 南湾村 村党组织书记"]
BALLOTS = [["好", "好", "好"], ["好", "较好", "差"], ["较好", "好", "一般"]]
PHONE = {"width": 390, "height": 844}
KPI = '.kpi:has(.label:text-is("{label}")) .value'


def ballot(context, base: str, code: str, answers: list[str]):
    """A phone's page on the ballot of `code`, answered, not yet submitted."""
    page = context.new_page()
    page.set_viewport_size(PHONE)
    load(page, f"{base}/?ballot={code}")
    for post, answer in zip(POSTS, answers, strict=True):
        page.get_by_role("radiogroup", name=post).get_by_text(answer, exact=True).click()
    return page


def submit(page) -> None:
    run_after(page, page.get_by_role("button", name="提交选票").click)


def test_phones_vote_the_projector_counts_and_publishes_the_result(server, chromium):
    base, engine = server
    appraisal_id = create(engine, opens_at=datetime.now(UTC) - timedelta(minutes=1))
    codes = issue(engine, appraisal_id, count=4)

    projector = new_context(chromium)
    screen = open_app(projector, base)
    sign_in(screen, "root")
    wait_for_cookie(screen)
    load(screen, f"{base}/?present=1&play=appraisal:600&appraisal={appraisal_id}")
    returned = KPI.format(label="已收回选票")
    assert screen.locator(returned).inner_text() == "0 / 4"

    phones = [new_context(chromium) for _ in BALLOTS]
    for phone, code, answers in zip(phones[:2], codes, BALLOTS, strict=False):
        page = ballot(phone, base, code, answers)
        submit(page)
        page.get_by_role("heading", name="投票已提交").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the third code open on two phones at once: the first submit counts, the second
    # is refused
    first = ballot(phones[2], base, codes[2], BALLOTS[2])
    second = ballot(phones[0], base, codes[2], [BALLOTS[2][0]] * 3)
    wait_drawn(first)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    first.screenshot(path=SCREENSHOTS / "ballot-390x844.png", full_page=True)
    submit(first)
    first.get_by_role("heading", name="投票已提交").wait_for()
    submit(second)
    second.get_by_text("这个投票码已经投过票，每个投票码只能用一次。").wait_for()
    # a used code opened again: refused before any ballot is drawn
    again = phones[1].new_page()
    again.set_viewport_size(PHONE)
    load(again, f"{base}/?ballot={appraisal.shown(codes[0])}")
    again.get_by_text("这个投票码已经投过票").wait_for()
    assert again.get_by_role("radiogroup").count() == 0

    # the projector's one-second tick shows each ballot, and nothing of the result
    screen.locator(returned).filter(has_text=re.compile("^3 / 4$")).wait_for()
    assert "综合得分" not in screen.locator(".slide").inner_text()

    admin = projector.new_page()  # the admin closes the vote on 述职评议
    load(admin, f"{base}/appraisal?appraisal={appraisal_id}")
    run_after(admin, admin.get_by_role("button", name="结束投票并公布结果").click)
    admin.get_by_text("投票已结束").first.wait_for()

    screen.locator(".slide .topbar .title", has_text="测评结果").wait_for()
    bars = screen.locator(".bar")
    assert bars.locator(".name").all_inner_texts() == [
        "1. 西园社区 社区党委书记",
        "2. 东园社区 社区党委书记",
        "3. 南湾村 村党组织书记",
    ]
    assert bars.locator(".value").all_inner_texts() == [
        "93.2 · 良好 · 67%",
        "90.7 · 良好 · 67%",
        "59.7 · 较差 · 33%",
    ]
    assert bars.nth(2).get_attribute("class") == "bar last"
    for width, height in ((1920, 1080), (1024, 768)):
        screen.set_viewport_size({"width": width, "height": height})
        wait_drawn(screen)
        screen.screenshot(path=SCREENSHOTS / f"slide-appraisal-live-{width}x{height}.png")
    for context in (projector, *phones):
        context.close()
