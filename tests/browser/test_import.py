"""数据导入 in a real browser: upload a broken file and see the report; nothing is written."""

from sqlalchemy import func, select

from data_access.schema import resident_problem
from tests.browser.conftest import open_app, screenshot, sign_in, wait_for_cookie, wait_ready
from tests.data_access.test_imports import PROBLEMS


def test_uploading_a_broken_file_shows_the_error_report(server, browser_context, tmp_path):
    base, engine = server
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(resident_problem)).scalar()
    bad = tmp_path / "问题台账.csv"
    bad.write_bytes(PROBLEMS.replace("WT002,M2,", "WT002,M9,").encode("gbk"))

    page = open_app(browser_context, base)
    sign_in(page, "root")
    wait_for_cookie(page)
    wait_ready(page)
    page.get_by_role("link", name="数据导入").click()
    page.get_by_role("heading", name="数据导入", exact=True).wait_for()
    wait_ready(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="数据类型").click()
    page.get_by_role("option", name="居民问题").click()
    page.get_by_text("必填列：问题编号、社区编码、问题来源、发现日期").wait_for()
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(bad)
    page.get_by_text("文件未通过检查").wait_for(timeout=60_000)
    wait_ready(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="有问题")
    assert "1 行" in metric.inner_text()
    assert page.get_by_role("button", name="确认导入").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "data-import-refused")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(resident_problem)).scalar() == before
