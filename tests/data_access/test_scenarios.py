"""Saved what-if scenarios: per user, replaced by name, removed with their user."""

import pytest

from data_access import scenarios, users
from data_access.scenarios import ScenarioError

SETTINGS = {"weights": "20,10,15,10,10,10,10,5,10", "adjust": "D1:coverage_rate:+10"}


@pytest.fixture
def two_users(city):
    with city.begin() as conn:
        for username, unit in [("wang", "D1"), ("lihua", "D2")]:
            users.add_user(
                conn,
                username=username,
                display_name=username,
                role="district",
                password="correct-horse-9",
                unit_codes=[unit],
                by="test",
            )
    return city


def test_a_user_sees_only_their_own_scenarios(two_users):
    with two_users.begin() as conn:
        scenarios.save_scenario(conn, username="wang", name=" 覆盖率冲刺 ", settings=SETTINGS)
        scenarios.save_scenario(conn, username="lihua", name="覆盖率冲刺", settings={"w": "1"})
        assert scenarios.scenario_names(conn, username="wang") == ["覆盖率冲刺"]
        assert scenarios.load_scenario(conn, username="wang", name="覆盖率冲刺") == SETTINGS
        assert scenarios.load_scenario(conn, username="lihua", name="覆盖率冲刺") == {"w": "1"}
        assert scenarios.load_scenario(conn, username="wang", name="没有") is None


def test_saving_under_the_same_name_replaces_and_newest_comes_first(two_users):
    with two_users.begin() as conn:
        scenarios.save_scenario(conn, username="wang", name="甲", settings={"w": "1"})
        scenarios.save_scenario(conn, username="wang", name="乙", settings={"w": "2"})
        scenarios.save_scenario(conn, username="wang", name="甲", settings={"w": "3"})
        assert scenarios.scenario_names(conn, username="wang") == ["甲", "乙"]
        assert scenarios.load_scenario(conn, username="wang", name="甲") == {"w": "3"}


def test_deleting_touches_only_the_users_own(two_users):
    with two_users.begin() as conn:
        for username in ("wang", "lihua"):
            scenarios.save_scenario(conn, username=username, name="甲", settings={})
        scenarios.delete_scenario(conn, username="wang", name="甲")
        assert scenarios.scenario_names(conn, username="wang") == []
        assert scenarios.scenario_names(conn, username="lihua") == ["甲"]


@pytest.mark.parametrize(
    ("name", "message"), [("  ", "请填写方案名称"), ("长" * 41, "最多 40 个字")]
)
def test_a_bad_name_is_refused_and_nothing_is_saved(two_users, name, message):
    with two_users.begin() as conn:
        with pytest.raises(ScenarioError, match=message):
            scenarios.save_scenario(conn, username="wang", name=name, settings={})
        assert scenarios.scenario_names(conn, username="wang") == []


def test_the_number_of_scenarios_is_bounded(two_users, monkeypatch):
    monkeypatch.setattr(scenarios, "MAX_SCENARIOS", 2)
    with two_users.begin() as conn:
        scenarios.save_scenario(conn, username="wang", name="甲", settings={})
        scenarios.save_scenario(conn, username="wang", name="乙", settings={})
        with pytest.raises(ScenarioError, match="最多保存 2 个方案"):
            scenarios.save_scenario(conn, username="wang", name="丙", settings={})
        scenarios.save_scenario(conn, username="wang", name="甲", settings={"w": "1"})  # replace


def test_removing_a_user_removes_their_scenarios(two_users):
    with two_users.begin() as conn:
        scenarios.save_scenario(conn, username="wang", name="甲", settings={})
        users.remove_user(conn, username="wang", by="test")
        assert scenarios.scenario_names(conn, username="wang") == []
