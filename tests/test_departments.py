"""Department-name normalisation (domain README 6.1/6.2) and government-body detection."""
from __future__ import annotations

import pytest

from rules.departments import CANONICAL_ALIASES, fold_text, is_department, normalize_department

KESHIKETENG = ("克什克腾旗", "克旗")
TAISHAN = ("泰安市泰山区", "泰山区")

TABLE = [
    # section 6.1 aliases
    ("县政府办", "政府办公室"), ("政府办", "政府办公室"), ("区政府办公室", "政府办公室"), ("旗政府办", "政府办公室"),
    ("县委办", "政府办公室"), ("旗委办", "政府办公室"), ("县委组织部", "组织部"), ("旗委组织部", "组织部"),
    ("中共克什克腾旗委员会组织部", "组织部"), ("县财政局", "财政局"), ("区财政局", "财政局"), ("旗财政局", "财政局"),
    ("发改局", "发展和改革局"), ("发改委", "发展和改革局"), ("发展和改革委员会", "发展和改革局"),
    ("工信局", "工业和信息化局"), ("工科局", "工业和信息化局"), ("工信商务科技局", "工业和信息化局"),
    ("自然资源和规划局", "自然资源局"), ("自规局", "自然资源局"), ("自然资源分局", "自然资源局"),
    ("国土资源局", "自然资源局"), ("林草局", "林业和草原局"), ("林业局", "林业和草原局"),
    ("林业保护发展中心", "林业和草原局"), ("住建局", "住房和城乡建设局"), ("住房城乡建设局", "住房和城乡建设局"),
    ("住建城乡建设局", "住房和城乡建设局"), ("水务局", "水利局"), ("城乡水务局", "水利局"), ("水利和水务局", "水利局"),
    ("城乡水务集团有限公司", "城乡水务集团"), ("农牧局", "农业农村局"), ("农业局", "农业农村局"),
    ("农业农村和水利局", "农业农村局"), ("畜牧兽医事业发展服务中心", "畜牧兽医局"), ("畜牧中心", "畜牧兽医局"),
    ("畜牧水产局", "畜牧兽医局"), ("城管局", "城市管理综合执法局"), ("城市管理行政执法局", "城市管理综合执法局"),
    ("综合行政执法局", "城市管理综合执法局"), ("应急局", "应急管理局"), ("生态环境局", "生态环境分局"),
    ("市生态环境局克旗分局", "生态环境分局"), ("环保局", "生态环境分局"), ("各乡镇", "乡镇人民政府"),
    ("各镇人民政府", "乡镇人民政府"), ("街道办事处", "乡镇人民政府"), ("街道管理办公室", "乡镇人民政府"),
    ("各苏木乡镇人民政府", "乡镇人民政府"), ("园区管委会", "开发区管委会"), ("工业集中区管委会", "开发区管委会"),
    ("山亭经济开发区管委会", "开发区管委会"), ("保护区管理局", "自然保护区管理局"), ("县妇联", "妇联"),
    # as written in the three seed plans
    ("赤峰冶金化工开发区管委会", "开发区管委会"), ("赤峰市达里诺尔—白音敖包自然保护区管理局", "自然保护区管理局"),
    ("旗住建局", "住房和城乡建设局"), ("旗城市管理综合执法局", "城市管理综合执法局"), ("区城乡水务局", "水利局"),
    ("区综合行政执法局", "城市管理综合执法局"), ("区林业保护发展中心", "林业和草原局"),
    ("区畜牧兽医事业发展服务中心", "畜牧兽医局"), ("区生态环境分局", "生态环境分局"), ("区发展和改革局", "发展和改革局"),
    # place prefixes, folding
    ("泰安市泰山区财政局", "财政局"), ("克什克腾旗统计局", "统计局"), ("區財政局", "财政局"), ("财  政  局", "财政局"),
    ("县财政局：", "财政局"), ("（县）应急管理局", "应急管理局"), ("中共泰山区委组织部", "组织部"),
]


@pytest.mark.parametrize(("written", "canonical"), TABLE)
def test_normalize_department(written: str, canonical: str) -> None:
    assert normalize_department(written, KESHIKETENG + TAISHAN) == canonical
    assert is_department(written)


def test_table_is_large_and_canonical_names_are_fixed_points() -> None:
    assert len(TABLE) >= 40
    for canonical in CANONICAL_ALIASES:
        assert normalize_department(canonical) == canonical


@pytest.mark.parametrize(("a", "b"), [
    ("自然资源局", "自然保护区管理局"), ("水利局", "城乡水务集团"), ("农业农村局", "畜牧兽医局"),
    ("县水务局", "县城乡水务集团有限公司"), ("自然资源分局", "保护区管理局"), ("生态环境分局", "自然资源分局"),
])
def test_look_alikes_stay_apart(a: str, b: str) -> None:
    assert normalize_department(a) != normalize_department(b)


def test_unknown_bodies_are_not_guessed() -> None:
    assert normalize_department("市场监督管理局") == "市场监督管理局"  # a leading 市 is not always a level prefix
    assert normalize_department("泰山区人武部", TAISHAN) == "人武部"
    assert normalize_department("财政所") == "财政所"
    assert normalize_department("区税务局") == "税务局" and normalize_department("县人武部") == "人武部"


@pytest.mark.parametrize(("text", "expected"), [
    ("区发改局", True), ("县人民政府", True), ("市场监督管理局", True), ("区人武部", True), ("旗妇联", True),
    ("区政府有关部门", False), ("县直有关部门", False), ("其他相关部门", False), ("领导小组", False),
    ("工作组织情况", False), ("联系人", False), ("提供预算批复文件和预算支出表", False), ("", False),
    ("县财政局：提供预算", False),
])
def test_is_department(text: str, expected: bool) -> None:
    assert is_department(text) is expected


def test_fold_text() -> None:
    assert fold_text("城镇生活污水集中處理率（％）") == "城镇生活污水集中处理率(%)"
    assert fold_text("领  导  小  组") == "领导小组"
    assert fold_text("ＰＭ２．５【万元】") == "PM2.5(万元)"
