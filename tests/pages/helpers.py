"""Reading what a page shows under AppTest."""


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.main.metric}


def deltas(at) -> dict[str, str]:
    return {m.label: m.delta for m in at.main.metric if m.delta}


def table(at, index: int = 0):
    return at.main.dataframe[index].value


def open_page(app, username: str, page: str, **query):
    """Sign in as `username`, with `query` in the URL, and open pages/`page`."""
    at = app(username, **query)
    at.switch_page(f"../pages/{page}")
    at.run()
    assert not at.exception, at.exception
    return at


def add_adjustment(at, unit: str, indicator: str, how: str, points: float = 5.0):
    at.selectbox(key="adjust_unit").set_value(unit)
    at.selectbox(key="adjust_indicator").set_value(indicator)
    at.radio(key="adjust_how").set_value(how)
    at.number_input(key="adjust_points").set_value(points)
    at.button(key="adjust_add").click()
    return at.run()
