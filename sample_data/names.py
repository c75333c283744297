"""Invented Chinese place names, unique within their parent."""

import numpy as np

FIRST = list("青云澄岚枫栖溪霁桐泽槐柳松梅竹兰荷芷翠锦瑞安和宁康泰丰盛华兴明德仁信文秀景晟悦嘉")
SECOND = list("湖山川桥湾塘园坊里苑庄洲港岭源林亭门台阳浦坪滨")
CITY_NAMES = [f"{a}{b}" for a in "云澄栖霁锦瑞" for b in "岚溪阳湾"]


def place_names(rng: np.random.Generator, count: int, suffixes: list[str]) -> list[str]:
    """`count` distinct two-character names, each with one of `suffixes` appended in turn."""
    pool = [a + b for a in FIRST for b in SECOND if a != b]
    if count > len(pool):
        # large parents: repeat the pool with a numeral so names stay unique
        pool = [f"{name}{i or ''}" for i in range(count // len(pool) + 1) for name in pool]
    chosen = rng.choice(len(pool), size=count, replace=False)
    return [pool[i] + suffixes[k % len(suffixes)] for k, i in enumerate(chosen)]
