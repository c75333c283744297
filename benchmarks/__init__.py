"""Benchmarks run the app outside a Streamlit server (AppTest, direct calls), where every
cached function warns that there is no runtime: expected here, so only errors are shown."""

from streamlit.logger import set_log_level

set_log_level("error")
