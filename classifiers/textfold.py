"""Text folding for matching: traditional → simplified Chinese (cues, titles, indicator and department names), and
``fold_for_match`` (the linker's fold with written variants, keeping offsets into the original text).

County folders hold web pages and copies in traditional characters (domain README section 8: "统计公报（网页转载）"
saved from a traditional-character mirror, or typed on a traditional-input machine). Cue words, titles, indicator
names and department names are written in simplified characters, so text is folded before any matching. The base
table is the fact extractor's (``extract.facts.traditional``); the pairs below add the further characters of
government, statistics and environment writing that titles and names use. Every pair is one character to one, so
offsets into the folded text are offsets into the original.
"""
from __future__ import annotations

import functools
import re

from extract.charmap import CharMap
from extract.facts.text_norm import fold
from extract.facts.traditional import TO_SIMPLIFIED

# "traditional simplified" pairs beyond the fact extractor's table, space separated.
_EXTRA_PAIRS = (
    "値值 儘尽 冊册 凈净 剷铲 勸劝 厠厕 啓启 喚唤 執执 塢坞 壯壮 壽寿 夢梦 尷尴 岡冈 崗岗 巖岩 徹彻 惱恼 慮虑 懇恳 懶懒 捨舍 "
    "揀拣 搖摇 摻掺 撈捞 擇择 擋挡 攤摊 斃毙 朧胧 棟栋 楓枫 榮荣 槓杠 樁桩 樞枢 樺桦 櫓橹 櫥橱 櫸榉 欄栏 殯殡 毀毁 毆殴 汎泛 "
    "沖冲 涼凉 淚泪 淪沦 渦涡 湞浈 湧涌 滄沧 滾滚 漬渍 潑泼 澀涩 澱淀 瀕濒 瀝沥 爛烂 牘牍 犢犊 猙狰 獵猎 瑣琐 畢毕 異异 痺痹 "
    "瘋疯 瘧疟 癢痒 癥症 皺皱 盃杯 盜盗 盞盏 眾众 睏困 矯矫 磚砖 礙碍 祕秘 祿禄 禍祸 穌稣 窪洼 竊窃 簫箫 籃篮 籌筹 粵粤 糰团 "
    "紐纽 紛纷 紡纺 綁绑 縂总 繞绕 纖纤 羨羡 翹翘 聳耸 腎肾 膚肤 臘腊 舖铺 萊莱 葦苇 蕭萧 薑姜 薩萨 蝕蚀 褲裤 襯衬 討讨 訟讼 "
    "訪访 註注 詐诈 誇夸 誠诚 説说 誰谁 謊谎 謹谨 譁哗 譽誉 貞贞 貧贫 販贩 貯贮 貼贴 賞赏 賠赔 賢贤 賤贱 賦赋 蹟迹 軌轨 軒轩 "
    "輝辉 輯辑 轟轰 遜逊 遷迁 邏逻 醜丑 醞酝 釣钓 鈣钙 鈴铃 鉀钾 鉤钩 銘铭 銳锐 鋪铺 錦锦 鍊炼 鏡镜 鐮镰 鑄铸 閃闪 閑闲 閣阁 "
    "閾阈 靂雳 韋韦 頒颁 頗颇 顛颠 颱台 餅饼 馬马 駕驾 騎骑 驚惊 鬱郁 鹵卤 鹹咸 鹼碱 麵面 黴霉 "
)
T2S: dict[str, str] = {chr(code): simple for code, simple in TO_SIMPLIFIED.items()}
T2S.update({pair[0]: pair[1] for pair in _EXTRA_PAIRS.split()})
_TABLE = str.maketrans(T2S)
_SIMPLIFY = CharMap(_TABLE)


def to_simplified(text: str) -> str:
    """``text`` with every traditional character of the table replaced by its simplified form (same length)."""
    return _SIMPLIFY(text)


# Written variants folded before matching (pattern at a position → replacement): the OCR/typed forms of Ⅲ类, and
# the Inner Mongolia names of the same units (嘎查 = 行政村, 苏木 = 乡镇, 农村牧区 = 农村; domain README section 6).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(III|Ⅲ|川)(?=类)"), "Ⅲ"),
    (re.compile(r"嘎查\s*[（(]\s*村\s*[)）]|嘎查村|嘎查"), "村"),
    (re.compile(r"苏木\s*[（(]\s*乡?镇\s*[)）]|苏木乡镇|苏木镇|苏木"), "乡镇"),
    (re.compile(r"农村牧区|农牧区"), "农村"),
)


_ANY_REWRITE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _REWRITES))
_NON_SPACE_RUN = re.compile(r"\S+")


def fold_for_match(text: str) -> tuple[str, list[int]]:
    """Fold text for matching; returns the folded text and, per folded character, its offset in ``text``.

    Spaces are dropped, traditional characters simplified and the written variants of ``_REWRITES`` replaced (at
    a position the first pattern that matches wins); runs without a variant are translated whole."""
    folded = fold(text)
    out: list[str] = []
    index: list[int] = []

    def plain(a: int, b: int) -> None:
        for run in _NON_SPACE_RUN.finditer(folded, a, b):
            out.append(_SIMPLIFY(run.group()))
            index.extend(range(run.start(), run.end()))

    i = 0
    for hit in _ANY_REWRITE.finditer(folded):
        plain(i, hit.start())
        m, replacement = next((m, r) for pattern, r in _REWRITES if (m := pattern.match(folded, hit.start())))
        for k, ch in enumerate(replacement):  # first character → start; the last of several → end
            out.append(ch)
            index.append(m.end() - 1 if 0 < k == len(replacement) - 1 else hit.start())
        i = m.end()
    plain(i, len(folded))
    return "".join(out), index


FOLD_CACHE_SIZE = 8192  # texts: indicator names, titles and sentence contexts are folded again for every mention


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold_key(text: str) -> str:
    """``fold_for_match(text)[0]`` (the folded text without its offsets), memoised."""
    return fold_for_match(text)[0]
