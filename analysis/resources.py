"""Compiled regular expressions and character tables shared by the package.

Kept in one place (as textacy does) so every module recognises Chinese
characters, punctuation and sentence ends the same way.
"""

from __future__ import annotations

import re

#: One Han (Chinese) character: CJK Unified Ideographs, Extension A and the
#: compatibility block.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
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

#: A photo caption ending with the photographer's credit: ``… 石历增 摄``,
#: ``…（记者 石历增 摄）``.
RE_CAPTION = re.compile(
    rf"^(?P<text>.+?)[\s（(]+(?:记者|通讯员|本报记者)?\s*"
    rf"(?P<photographer>[{HAN}]{{2,4}}(?:[\s、][{HAN}]{{2,4}})*)\s*摄[）)]?$"
)

#: Whitespace characters the loader treats as layout (including the
#: ideographic space U+3000 and no-break space U+00A0).
WHITESPACE = " \t\r\n\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
