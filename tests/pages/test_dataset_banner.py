"""Sample data says so on every page; a deployment's own data never shows 示例数据."""

from sqlalchemy import delete

from data_access.schema import dataset_info


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_sample_data_is_labelled(app):
    at = app("lead")
    assert "示例数据" in at.warning[0].value
    assert not [c for c in captions(at) if c.startswith("正式数据")]


def test_own_data_says_what_it_runs_up_to(app, city):
    with city.begin() as conn:
        conn.execute(delete(dataset_info).where(dataset_info.c.key == "sample"))
    at = app("lead")
    assert not [w for w in at.warning if "示例数据" in w.value]
    assert "正式数据 · 数据截至 2026年4月30日" in captions(at)
