"""plain(): user text shown literally by Streamlit's markdown elements.

Each expectation is written out by hand: a backslash before every ASCII punctuation
character (CommonMark reads any of them escaped as itself), and a word joiner (J below,
invisible) where Streamlit rewrites text after parsing, where escapes no longer count.
The browser test tests/browser/test_plain_text.py checks what Chromium then shows.
"""

import re

import pytest

from dashboard.formatting import WORD_JOINER as J
from dashboard.formatting import name_list, plain

CASES = [
    ("东园社区", "东园社区"),  # no syntax, nothing changes
    ("**粗体**", r"\*\*粗体\*\*"),
    ("*斜体* _斜体_ __粗__", r"\*斜体\* \_斜体\_ \_\_粗\_\_"),
    ("~~删除~~", r"\~\~删除\~\~"),
    ("`代码`", r"\`代码\`"),
    ("[链接](x)", r"\[链接\]\(x\)"),
    ("![](x.png)", r"\!\[\]\(x\.png\)"),
    ("<b>粗</b>", r"\<b\>粗\<\/b\>"),
    ("&amp; &#60;", r"\&amp\; \&\#60\;"),
    ("# 标题", r"\# 标题"),
    ("- 项", r"\- 项"),
    ("+ 项", r"\+ 项"),
    ("1. 项", r"1\. 项"),
    ("> 引用", r"\> 引用"),
    ("| 表 |", r"\| 表 \|"),
    ("$x^2$", r"\$x\^2\$"),
    ("a\\b", r"a\\b"),
    ('"引号"\'', r"\"引号\"\'"),
    ("{1}", r"\{1\}"),
    ("50%?;,", r"50\%\?\;\,"),
    # a directive: the colon is escaped, and a word joiner follows it
    (":red[红]", rf"\:{J}red\[红\]"),
    (":material/home:", rf"\:{J}material\/home\:"),
    # rewritten after parsing: icons, the logo, emoji shortcodes
    (":material_home:", rf"\:{J}material\_home\:"),
    (":streamlit:", rf"\:{J}streamlit\:"),
    (":+1:", rf"\:{J}\+1\:"),
    # ... links found in the text
    ("http://example.com", rf"http\:{J}\/\/example\.com"),
    ("www.example.com", rf"www{J}\.example\.com"),
    ("WWW.example.com", rf"WWW{J}\.example\.com"),
    ("a@b.com", rf"a\@{J}b\.com"),
    # ... and typographic arrows
    ("a -> b <- c", rf"a \-{J}\> b \<{J}\- c"),
    ("<->", rf"\<{J}\-{J}\>"),
    ("-- >= <= ~=", rf"\-{J}\- \>{J}\= \<{J}\= \~{J}\="),
]


@pytest.mark.parametrize(("text", "escaped"), CASES)
def test_every_markdown_construct_comes_out_escaped(text, escaped):
    assert plain(text) == escaped


@pytest.mark.parametrize(("text", "escaped"), CASES)
def test_read_as_markdown_the_escaped_text_is_the_text(text, escaped):
    """What a CommonMark reader makes of the escapes, and what a reader sees of J."""
    assert re.sub(r"\\(.)", r"\1", escaped).replace(J, "") == text


def test_the_issue_s_unit_name_is_escaped_whole():
    name = "**粗体**[链接](http://example.com)![](http://example.com/x.png)"
    assert plain(name) == (
        r"\*\*粗体\*\*\[链接\]\(http\:" + J + r"\/\/example\.com\)"
        r"\!\[\]\(http\:" + J + r"\/\/example\.com\/x\.png\)"
    )


def test_anything_is_shown_as_its_text():
    assert plain(3.5) == r"3\.5"
    assert plain(None) == "None"


def test_a_list_of_names_is_joined_each_escaped():
    assert name_list(["甲区", "*乙区*"]) == r"甲区、\*乙区\*"
