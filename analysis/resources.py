"""Compiled regular expressions and character tables shared by the package.

Kept in one place (as textacy does) so every module recognises Chinese
characters, punctuation and sentence ends the same way.
"""

from __future__ import annotations

import re

#: One Han (Chinese) character: CJK Unified Ideographs, Extension A and the
#: compatibility block.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: Common single-character surnames (the first character of most Chinese names), for the loader's quick
#: name checks; the full list with compound surnames is data/dictionaries/surnames.txt (analysis.entities.surnames).
COMMON_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤康"
RE_HAN = re.compile(f"[{HAN}]")
RE_HAN_RUN = re.compile(f"[{HAN}]+")

#: Half-width punctuation that Chinese typesetting writes full-width, and its
#: full-width form.  ``.`` is left alone: it is a decimal point in 3.5.
HALF_TO_FULL = {
    ",": "，",
    ";": "；",
    ":": "：",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
}

#: Characters that end a sentence.
SENTENCE_END = "。！？!?"
#: Closing marks that belong to the sentence before them (。” stays together).
CLOSERS = "”’」』）)》】"
#: A sentence: text up to and including its final punctuation and any closing
#: quotation marks or brackets; the last piece may lack final punctuation.
RE_SENTENCE = re.compile(
    r"[^。！？!?…]*?(?:[。！？!?]+|…{1,2}|\.{3,6})[”’」』）)》】]*|[^。！？!?…]+$"
)

#: Characters that may end a paragraph.  A body line that ends otherwise was
#: cut by a column break and continues in the next body line.
PARAGRAPH_END = set("。！？!?…”’」』）)》】：:；;")

#: Any punctuation mark (ASCII, CJK and full-width forms).
PUNCTUATION = set(
    "，。、；：？！“”‘’「」『』（）《》〈〉【】〔〕—…·～,.;:?!\"'()[]{}<>-_/\\|~`@#$%^&*+=□■◇◆○●★☆"
)

#: Markers in a byline that are not names.
BYLINE_MARKERS = re.compile(r"[□■◇◆○●]|本报记者|特约记者|通讯员|实习生|记者|本报|文/|图/|摄影")

#: A photo credit at the end of a line, in the styles of local papers
#: (``… 石历增 摄``, ``…（记者 石历增 摄）``), People's Daily
#: (``…鼓劲。孟德龙摄（人民视觉）``, ``本报记者 张三摄``) and Xinhua
#: (``新华社记者 李贺 摄``).  Every quantifier is bounded, so a search costs
#: a constant per start position (no super-linear backtracking on runs of
#: spaces); the credit must follow a space, bracket or punctuation mark.
_NAME = rf"[{HAN}](?:[ \u3000]?[{HAN}]){{1,3}}"
RE_CREDIT = re.compile(
    rf"(?:^|(?<=[\s。！？；，”’）)…]))(?P<open>[（(]?)[ \u3000]{{0,3}}"
    rf"(?P<agency>(?:新华社|本报|人民日报|中新社|人民网|新华网|央视网)?(?:特约|实习)?(?:摄影记者|记者|通讯员|摄影)?)"
    rf"[ \u3000]{{0,3}}(?P<photographer>{_NAME}(?:[、 \u3000]{{1,2}}{_NAME}){{0,3}})[ \u3000]{{0,3}}摄(?:影)?"
    rf"[ \u3000]{{0,3}}(?:[（(](?P<source>[^（）()\n]{{1,12}})[）)]|[）)])?[ \u3000]{{0,3}}$"
)

#: Whitespace characters the loader treats as layout (including the
#: ideographic space U+3000 and no-break space U+00A0).
WHITESPACE = " \t\r\n\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
