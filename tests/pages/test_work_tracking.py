"""任务督办 and 履责记实 on the small city with tests/work_city.py's work, Q1 2026 (a
finished quarter, so read on 2026-04-01: a node due on 03-31 is judged in it)."""

from tests import work_city
from tests.pages.helpers import metrics, open_page, table


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_work_tracking_for_the_whole_city(app, works):
    at = open_page(app, "lead", "work_tracking.py")
    assert metrics(at) == {
        "任务": "3 项",  # T1 and T2 red (N3, N5 overdue), T3 done
        "节点按期完成率": "57.1%",  # N1 N4 N6 N7 of the 7 due before 04-01
        "逾期未完成节点": "2 个",  # N3 due 03-31, N5 due 03-25
        "督办整改率": "50.0%",  # SV1 SV2 SV6 of the 6 raised by 04-01
        "按时整改率": "50.0%",  # SV1 SV6 of the 4 due (SV2 late, SV3 open)
        "交办": "6 项",
        "整改中": "3 项",  # SV3 SV4 SV5
        "已整改待验收": "1 项",  # SV2
        "已验收": "2 项",  # SV1 passed, SV6 failed
        "验收未通过": "1 项",
        "逾期未整改": "1 项",  # SV3, due 03-15
    }
    tasks = table(at, 0)
    assert list(tasks["task_code"]) == ["T1", "T2", "T3"]  # red, red, done
    assert list(tasks["warning"]) == ["✕ 逾期未完成", "✕ 逾期未完成", "✓ 按期完成"]
    assert list(tasks["done"]) == [2, 1, 2] and list(tasks["nodes"]) == [3, 2, 2]
    assert list(tasks["overdue"]) == [1, 1, 0]
    march = table(at, 1)  # the period's last month, red first
    assert list(march["unit_name"]) == ["乙一街道", "东园社区", "南湾村"]  # N5, N3, N4
    assert list(march["warning"]) == ["✕ 逾期未完成", "✕ 逾期未完成", "✓ 按期完成"]
    assert "未销号 4 项（逾期未整改 1 项，验收未通过 1 项）" in captions(at)
    open_items = table(at, 2)
    assert list(open_items["code"]) == ["SV3", "SV4", "SV5", "SV6"]
    assert list(open_items["state"]) == [
        "✕ 逾期未整改",
        "○ 整改中",
        "○ 整改中",
        "✕ 验收未通过",
    ]
    by_district = table(at, 3)
    assert list(by_district["unit_name"]) == ["甲区", "乙区"]
    assert list(by_district["raised"]) == [4, 2]  # SV1 SV2 SV5 SV6 in D1; SV3 SV4 in D2
    assert list(by_district["overdue"]) == [0, 1]
    # Q1's points: D1 earns N1's 4 (half of T1's 8: M1 holds two of its nodes), D2 N4's 3
    # (all of T2's); Q4 2025 tied (N6, N7 two points each)
    ranking = table(at, 4)
    assert list(ranking["unit_name"]) == ["甲区", "乙区"]
    assert list(ranking["earned"]) == [4.0, 3.0]
    assert list(ranking["adjustment"]) == [10, -10]
    assert list(ranking["last"]) == ["否", "是"]
    assert list(ranking["last_twice"]) == ["否", "否"]


def test_a_district_user_sees_only_its_own_tasks(app, works):
    at = open_page(app, "d1user", "work_tracking.py")
    tasks = table(at, 0)
    assert list(tasks["task_code"]) == ["T1", "T3"]  # T2's nodes are in D2
    assert metrics(at)["交办"] == "4 项"  # SV3 and SV4 are D2's
    assert list(table(at, 2)["code"]) == ["SV5", "SV6"]


def test_duty_records_for_the_whole_city(app, works):
    at = open_page(app, "lead", "duty_records.py")
    # Q1 2026: M1's three records (one correcting another) and M2's one
    assert metrics(at) == {"履责记录": "4 条", "记录单位": "2 个", "其中更正记录": "1 条"}
    records = table(at, 0)
    assert list(records["day"]) == ["2026-03-10", "2026-03-01", "2026-02-15", "2026-01-20"]
    assert records["corrects"].iloc[0].startswith("更正第 ")
    assert set(records["supervision_code"]) == {""}  # none linked: blank, never "None"
    # by street, read on 03-31: S1 last recorded on 03-10 (M1), S2 never
    assert list(table(at, 1)["unit_name"]) == ["乙一街道"]
    assert list(table(at, 1)["last_day"]) == ["从未记录"]
    # 22 days back from 03-31 reach 03-10, 21 days stop at 03-11
    at.number_input(key="silent_days").set_value(22).run()
    assert list(table(at, 1)["unit_name"]) == ["乙一街道"]
    at.number_input(key="silent_days").set_value(21).run()
    assert list(table(at, 1)["unit_name"]) == ["甲一街道", "乙一街道"]
    assert list(table(at, 1)["last_day"]) == ["2026-03-10", "从未记录"]


def test_duty_records_search_by_day_range(app, works):
    at = open_page(app, "lead", "duty_records.py")
    at.date_input(key="duty_days").set_value((work_city.d(2026, 2, 1), work_city.d(2026, 3, 5)))
    at.run()
    assert metrics(at)["履责记录"] == "2 条"  # 02-15 and 03-01


def test_the_points_rule_comes_from_the_link(app, works):
    # two districts: the first gains the first of the top scale, the last loses the first
    # of the bottom scale
    at = open_page(app, "lead", "work_tracking.py", points_top="5,2", points_bottom="3")
    assert list(table(at, 4)["adjustment"]) == [5, -3]
    assert "前 2 名加 5/2 分，后 1 名减 3 分" in " ".join(captions(at))
    at.text_input(key="points_bottom").input("8").run()
    assert list(table(at, 4)["adjustment"]) == [5, -8]
    assert at.query_params["points_bottom"] == "8"


def test_a_points_rule_that_cannot_be_read_is_named_and_the_default_used(app, works):
    at = open_page(app, "lead", "work_tracking.py", points_top="10,x")
    assert "前几名加分应为 1 至 10 个 0 到 100 的整数，已用默认的 10,6,4,3,2。" in [
        w.value for w in at.warning
    ]
    assert list(table(at, 4)["adjustment"]) == [10, -10]


def test_the_reminder_rule_comes_from_the_link(app, works):
    at = open_page(app, "lead", "work_tracking.py", remind="7")
    assert at.selectbox(key="remind").value == "7"
