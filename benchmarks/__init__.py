"""Benchmarks run the app outside a Streamlit server (AppTest, direct calls), where every
cached function warns that there is no runtime: expected here, so only errors are shown.
(logging.disable: Streamlit sets its loggers' levels again whenever it reads its config.)"""

import logging

logging.disable(logging.WARNING)
