"""The watcher the browser tests wait on (conftest.WATCH) reads the server's messages
with a small protobuf reader of its own: check it against the websocket frames as
Streamlit's own protobuf classes decode them."""

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import load, sign_in


def test_the_watcher_counts_the_runs_the_server_sends(server, browser_context):
    base, _ = server
    page = browser_context.new_page()
    received: list[ForwardMsg] = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda f: received.append(ForwardMsg.FromString(f))),
    )
    load(page, base)
    sign_in(page, "d1user", "wrong-password-x")
    page.get_by_text("用户名或密码错误").wait_for()
    app = page.evaluate("window.__app")
    kinds = [message.WhichOneof("type") for message in received]
    # two runs on opening (the first, and the cookie manager's), one for the click
    assert app["starts"] == kinds.count("new_session") >= 3
    finished = [m.script_finished for m in received if m.HasField("script_finished")]
    assert finished[-1] != ForwardMsg.FINISHED_EARLY_FOR_RERUN
    assert app["ended"] == app["starts"]
