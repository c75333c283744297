"""The login audit's details in Chinese, old rows included (they are stored as written)."""

import pytest

from dashboard.labels import audit_detail


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("role=admin by first run", "角色：管理员；操作人：首次启动"),
        ("role=steward by lead", "角色：数据报送员；操作人：lead"),
        ("by command line", "操作人：命令行"),
        ("by 张 三", "操作人：张 三"),
        ("role=unknown by lead", "角色：unknown；操作人：lead"),
        ("", ""),
        (None, ""),
        (float("nan"), ""),
        ("其他说明", "其他说明"),
    ],
)
def test_an_account_change_is_described_in_words(stored, shown):
    assert audit_detail(stored) == shown
