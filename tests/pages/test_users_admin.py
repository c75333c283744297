from sqlalchemy import text

from data_access.users import get_user

PAGE = "../pages/users_admin.py"


def open_admin(app):
    at = app("root")
    at.switch_page(PAGE)
    return at.run()


def fill_new_user(at, *, username, role, units, password):
    at.text_input(key="new_username").input(username)
    at.text_input(key="new_display_name").input("王主任")
    at.selectbox(key="new_role").select(role)
    at.multiselect(key="new_units").set_value(units)
    at.text_input(key="new_password").input(password)
    next(b for b in at.button if b.label == "新增用户").click()
    return at.run()


def test_admin_adds_a_district_user(app, city):
    at = open_admin(app)
    assert list(at.dataframe[0].value["username"]) == [
        "d1steward",
        "d1user",
        "lead",
        "root",
        "s2user",
        "viewer",
    ]
    at = fill_new_user(
        at, username="wang", role="district", units=["D2"], password="a-long-password-1"
    )
    assert at.success[0].value == "已新增用户 wang"
    with city.connect() as conn:
        user = get_user(conn, "wang")
    assert (user.role, user.unit_ids) == ("district", (3,))


def test_bad_input_is_refused_with_the_reason_and_changes_nothing(app, city):
    at = fill_new_user(
        open_admin(app), username="wang", role="district", units=[], password="a-long-password-1"
    )
    assert "至少要指定一个单位" in at.error[0].value
    with city.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM app_user")).scalar() == 6


def test_audit_shows_the_admin_login_in_chinese(app):
    events = open_admin(app).dataframe[1].value
    assert list(events["username"]) == ["root"]
    assert list(events["event"]) == ["登录成功"]
