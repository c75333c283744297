"""The keys a presenter presses, and those a presenter's remote sends: PageDown/PageUp
(most remotes), the arrows, Space to pause, B or "." to blank the screen, Esc to leave.

Streamlit's button shortcuts take one key a button, no punctuation, and draw the key's
English name on the button; so one listener in the page maps every key to a click on the
button it stands for, found by its widget key (`.st-key-<key>`). Where no such button is
drawn (any page but 观摩模式) a key does nothing. Typing in a field is left alone."""

import json

# widget keys of the slide controls (pages/presentation.py)
PREVIOUS, NEXT, PAUSE, BLANK, THEME, LEAVE = (
    "present_previous",
    "present_next",
    "present_pause",
    "present_blank",
    "present_theme",
    "present_leave",
)
CONTROLS = "present_controls"  # the row that holds them, faded while the mouse rests
KEYS = {
    "PageUp": PREVIOUS,
    "ArrowLeft": PREVIOUS,
    "PageDown": NEXT,
    "ArrowRight": NEXT,
    " ": PAUSE,
    "b": BLANK,
    "B": BLANK,
    ".": BLANK,
    "Escape": LEAVE,
}
HINT = "翻页：← →、PageUp PageDown（翻页笔）· 暂停：空格 · 黑屏：B 或句点 · 退出：Esc"

IDLE_MS = 3000  # the controls fade after this long without the mouse moving

# Installed once a page (a rerun draws it again; the flag keeps one listener).
SCRIPT = (
    "<script>\n"
    "if (!window.presenterKeys) {\n"
    "  window.presenterKeys = true;\n"
    f"  const keys = {json.dumps(KEYS)};\n"
    "  document.addEventListener('keydown', (event) => {\n"
    "    const key = keys[event.key];\n"
    "    const typing = event.target.closest?.('input, textarea, select, [contenteditable]');\n"
    "    if (!key || typing || event.ctrlKey || event.altKey || event.metaKey) return;\n"
    "    const button = document.querySelector(`.st-key-${key} button`);\n"
    "    if (!button) return;\n"
    "    event.preventDefault();\n"
    "    button.click();\n"
    "  });\n"
    "  // the slide controls fade after IDLE_MS without the mouse moving (see slides.STYLE)\n"
    "  let idle;\n"
    "  const awake = () => {\n"
    "    document.body.classList.remove('present-idle');\n"
    "    clearTimeout(idle);\n"
    f"    idle = setTimeout(() => document.body.classList.add('present-idle'), {IDLE_MS});\n"
    "  };\n"
    "  // Chromium sends a mousemove whenever the page under a resting pointer changes\n"
    "  // (the slide clock ticks every second): only a pointer that moved wakes them\n"
    "  let at = '';\n"
    "  document.addEventListener('mousemove', (event) => {\n"
    "    const now = `${event.screenX},${event.screenY}`;\n"
    "    if (now !== at) { at = now; awake(); }\n"
    "  });\n"
    "  document.addEventListener('touchstart', awake);\n"
    "  awake();\n"
    "}\n"
    "</script>"
)
