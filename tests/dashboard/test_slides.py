"""Slides are HTML: every text put into them is escaped (kpis and bars already were;
the clock and the as-of time now are too)."""

from dashboard import slides


def test_the_top_bar_escapes_every_text():
    html = slides.top_bar(
        "<b>总览</b>",
        scope="甲区<img src=x>",
        period="&",
        clock="<i>9</i>",
        as_of="<u>",
        sample=False,
    )
    assert html == (
        '<div class="topbar"><div class="title">&lt;b&gt;总览&lt;/b&gt;</div>'
        '<div class="meta"><span class="clock">&lt;i&gt;9&lt;/i&gt;</span><br>'
        "甲区&lt;img src=x&gt; · &amp; · 数据截至 &lt;u&gt;</div></div>"
    )
