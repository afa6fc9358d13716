"""A letter's answers and its frame, found from its structure first and its words second.

The Board asked five questions; a reply answers them in its own way: numbered "1.", "I.", "a)", "A.", "(1)",
"1/", "Câu 1", "Ý 1", "Nội dung 3", "Thứ nhất", run-in headings ("Về tiêu chuẩn, ..."), a two-column form,
one paragraph per answer without any heading, two answers in one paragraph, another order. We read it in four
steps, each general:

1. **Units**: the body's lines grouped back into paragraphs (a PDF line continues the one above when that one
   runs to the right margin and this one is not indented), tables whole. A two-column form (questions in the
   left column, answers in the right) becomes heading and answer units. Tick-box lines keep ticked options.
2. **Frame**: the body ends at the closing formula, "Nơi nhận" or the signature block; contact lines are frame
   wherever they stand; what follows the signature is an annex when it holds answers (a "Phụ lục" title,
   headings, a table).
3. **Parts**: the numbering scheme that numbers most of the five answers is the top level; each of its markers
   opens a part (other schemes inside are items). Without one, heading-like lines ("Về ...:", upper case)
   open parts. Whatever no heading covers is read sentence by sentence.
4. **Which question**: a part's heading words, else its number (1..5 in the Board's order), else its content
   (a table of counts is point 1, internships and experts point 3, a portal or a frequency point 4...).
   A part that answers several questions at once ("4 và 5", "Thứ tư và thứ năm") is shared out sentence by
   sentence by content; a sentence with no evidence stays with the first.

The result is a list of `Part`s and the frame; layout.build_view turns them into the sections the field
extractors read. Words are data (extractors/vocab/structure.toml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import vocab
from extractors.fields.items import cell_paragraphs
from extractors.fields.sharing import CLEAR, STRONG, Piece, answer_name, proposes, scores_of, share_out
from extractors.model import Table
from schemas import FlagCode
from extractors.text.normalize import fold

NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS = "needs", "criteria", "cooperation", "registration", "proposals"
ORDER = (NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS)      # the Board's order: point n is ORDER[n-1]


# --- the words (extractors/vocab/headings.toml, structure.toml, letter_parts.toml), folded ------------------

_HEADINGS = vocab.load("headings")
_WORDS = vocab.load("structure")
_PARTS = vocab.load("letter_parts")
# Heading words of each answer, and weak ones that name an answer only when no other word does ("Về nhu cầu:").
HEADING_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (key, vocab.words(entry["words"])) for key, entry in _HEADINGS.items())
WEAK_HEADING_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (key, vocab.words(entry.get("weak", []))) for key, entry in _HEADINGS.items() if entry.get("weak"))


def _at_word_start(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for words that must each start a word. Its first match starts where the first of them does (the
    leftmost match of an alternation), as searching each word alone and taking the least position would; compiled
    once, since headings are weighed for every line of every letter."""
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, words)) + ")") if words else None


_HEADING_PATTERNS = tuple((key, _at_word_start(words)) for key, words in HEADING_WORDS)
_WEAK_HEADING_PATTERNS = tuple((key, _at_word_start(words)) for key, words in WEAK_HEADING_WORDS)
# Content cues of each answer; the spaCy terms (CRIT, COOP, FREQ, CHANNEL, QUAL) add to them.
CONTENT_CUES: dict[str, tuple[str, ...]] = {key: vocab.words(cues) for key, cues in _WORDS["content_cues"].items()}
AUTHORITY_WORDS = vocab.words(_WORDS["authority"])
INTRO_CUES = vocab.words(_WORDS["intro"])
CLOSING_START = vocab.words(_PARTS["closing"])
CONTACT_START = vocab.words(_PARTS["contact"])
SIGNATURE_LINE = re.compile("^(" + "|".join(_WORDS["signature_patterns"]) + ")")
PLACE_DATE = re.compile(_WORDS["place_date_pattern"])
ANNEX_TITLE = re.compile("^(" + "|".join(_WORDS["annex_title_patterns"]) + ")")
ANNEX_ANNOUNCED = re.compile("(" + "|".join(_WORDS["annex_announced_patterns"]) + ")")
TABLE_ANNOUNCED = re.compile("(" + "|".join(_WORDS["table_announced_patterns"]) + ")")
_ADDRESSEE = re.compile("^(" + "|".join(_PARTS["addressee_patterns"]) + ")")
_LEAD_INS = vocab.words(_WORDS["heading_lead_ins"])

# --- markers --------------------------------------------------------------------------------------------------

_ORD_WORDS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_LABELS = "(?:" + vocab.either(_WORDS["number_labels"]) + ")"
_NUMTOK = r"(?:\d{1,2}|[ivx]{1,4})"
_LABELLED = re.compile(r"^\(?\s*(?P<label>" + _LABELS + r")\s+(?P<n1>" + _NUMTOK + r")"
                       r"(?:\s*(?:va|and|,|&|-|–)\s*(?P<n2>" + _NUMTOK + r"))?\s*\)?\s*(?P<sep>[.:)–\-/,]?)"
                       r"\s*(?P<rest>.*)$")
_ORDINAL = re.compile(r"^(?:ve\s+)?(?:(?:noi dung|y|van de|phan|muc|diem)\s+)?thu\s+(?P<n1>nhat|hai|ba|tu|nam|[1-5])"
                      r"(?:(?:\s*(?:va|&)\s*(?:thu\s+)?|\s*,\s*thu\s+)(?P<n2>nhat|hai|ba|tu|nam|[1-5])(?!\s*\d))?\b"
                      r"\s*(?P<sep>[,:.–\-]?)"
                      r"\s*(?P<rest>.*)$")
# "3, 4 và 5. Hợp tác ...": up to four numbers; n2 is the last
_ENUMERATED = re.compile(r"^(?P<open>\()?\s*(?P<n1>\d{1,2}|[ivx]{1,4}|[a-h])"
                         r"(?P<mid>(?:\s*(?:,|&)\s*(?:\d{1,2}|[ivx]{1,4}|[a-h])){0,2})"
                         r"(?:\s*(?:va|and|&|,|-|–)\s*(?P<n2>\d{1,2}|[ivx]{1,4}|[a-h]))?\s*"
                         r"(?P<sep>\.(?!\d)|\)|/(?!\d)|:|\s[–-]\s)\s*(?P<rest>.*)$")

@dataclass(slots=True)
class Marker:
    scheme: str               # "arabic", "paren", "roman", "lower", "upper", "label:<word>", "ordinal"
    numbers: tuple[int, ...]  # 1 or 2 numbers ("1 và 2")
    rest: str                 # folded text after the marker
    rest_raw: str             # the same, as written


def _num(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    if token in _ORD_WORDS:
        return _ORD_WORDS[token]
    return None


def _raw_tail(text: str, folded_rest: str) -> str:
    """The end of `text` as written that corresponds to `folded_rest` (fold keeps the length of most letters)."""
    if not folded_rest:
        return ""
    n = len(folded_rest)
    tail = text.strip()[-n:] if n <= len(text.strip()) else text.strip()
    return tail


def marker(text: str, key: str | None = None) -> Marker | None:
    """The numbering at the start of a line, if any: "2.", "II -", "b)", "(3)", "4/", "Câu 1", "Thứ tư và thứ năm"."""
    key = (key if key is not None else fold(text)).strip()
    m = _LABELLED.match(key)
    if m and (m.group("sep") or m.group("label") in ("cau", "y", "noi dung", "muc", "phan", "diem")):
        n1, n2 = _num(m.group("n1")), _num(m.group("n2") or "")
        if n1 is not None:
            nums = (n1,) if n2 is None else (n1, n2)
            return Marker("label:" + m.group("label"), nums, m.group("rest"), _raw_tail(text, m.group("rest")))
    m = _ORDINAL.match(key)
    if m:
        n1, n2 = _ORD_WORDS[m.group("n1")], _ORD_WORDS.get(m.group("n2") or "")
        nums = (n1,) if n2 is None else (n1, n2)
        return Marker("ordinal", nums, m.group("rest"), _raw_tail(text, m.group("rest")))
    m = _ENUMERATED.match(key)
    if m:
        t1, t2 = m.group("n1"), m.group("n2")
        raw = text.strip()
        if t1.isdigit():
            scheme = "paren" if m.group("open") else "arabic"
            if m.group("open") is None and m.group("sep").strip() in ("", "–", "-") and not m.group("sep").strip():
                return None
        elif t1 in _ROMAN and (len(t1) > 1 or raw[:1].isupper()) and not (t1 in "abcdefgh" and raw[:1].islower()):
            scheme = "roman"
        elif len(t1) == 1 and t1 in "abcdefgh":
            scheme = "upper" if raw.lstrip("(")[:1].isupper() else "lower"
            if scheme == "upper" and m.group("sep") == "/":
                return None
        else:
            return None
        if scheme in ("lower", "upper"):
            n1 = "abcdefgh".index(t1) + 1
            n2 = "abcdefgh".index(t2) + 1 if t2 and len(t2) == 1 and t2 in "abcdefgh" else None
        else:
            n1, n2 = _num(t1), _num(t2 or "")
        if n1 is None or n1 == 0:
            return None
        # "1." alone is a list item of one word; "2023." is no marker (two digits at most above).
        nums = (n1,) if n2 is None or n2 <= n1 else (n1, n2)
        middle = [_num(t) for t in re.findall(r"\d{1,2}|[ivx]{1,4}|[a-h]", m.group("mid") or "")]
        if middle and n2 is not None and scheme not in ("lower", "upper"):
            nums = (n1, *middle, n2)            # "3, 4 và 5": increasing, or no numbering
            if None in nums or any(a >= b for a, b in zip(nums, nums[1:])):
                return None
        if m.group("open") and scheme == "arabic":
            scheme = "paren"
        return Marker(scheme if not m.group("open") or scheme != "lower" else "paren_lower", nums, m.group("rest"),
                      _raw_tail(text, m.group("rest")))
    return None


def heading_keys(title: str, prefer: str | None = None) -> list[str]:
    """The answers a heading's words name; several when the heading joins answers with "và"/"and"/";"/","
    ("Nhu cầu tuyển dụng và tiêu chuẩn lao động", "Hợp tác đào tạo, đăng ký nhu cầu và kiến nghị"). `prefer` (the answer of the heading's number) decides
    between answers one segment names at once ("Đề xuất hợp tác với nhà trường" numbered 3)."""
    title = title.strip()
    if not title:
        return []
    segments = [s for s in re.split(r"\s+(?:va|and|&)\s+|[;,]\s*", title) if s.strip()]
    keys: list[str] = []
    if len(segments) > 1:
        # Each segment must name its answer with a strong word ("Hợp tác đào tạo và tuyển dụng" is one answer).
        for segment in segments:
            key = _one_heading_key(segment, prefer, weak=False)
            if key and key not in keys:
                keys.append(key)
        if keys:
            return keys
    key = _one_heading_key(title, prefer)
    return [key] if key else []


def _one_heading_key(text: str, prefer: str | None = None, weak: bool = True) -> str | None:
    """The answer a heading segment names: the one its words name first (a Vietnamese phrase puts its head first:
    "Tiêu chuẩn tuyển dụng" is about criteria), a proposal only when nothing else is named."""
    found: dict[str, int] = {}
    for key, pattern in _HEADING_PATTERNS:
        m = pattern.search(text) if pattern is not None else None
        if m:
            found[key] = m.start()
    if not found:
        for key, pattern in _WEAK_HEADING_PATTERNS if weak else ():
            if pattern is not None and pattern.search(text):
                return key
        return None
    if prefer in found:
        return prefer
    return min(found, key=lambda k: (k == PROPOSALS, found[k]))


# --- content --------------------------------------------------------------------------------------------------

def content_scores(text: str) -> dict[str, float]:
    """How much a piece of running text reads as each answer, from its terms and cues."""
    from extractors.nlp import get_nlp

    key = fold(text)
    scores = dict.fromkeys(ORDER, 0.0)
    for section, cues in CONTENT_CUES.items():
        scores[section] += sum(1 for c in cues if c in key)
    doc = get_nlp()(text)
    groups = [s.label_.split(":", 1)[0] for s in doc.spans["terms"]]
    scores[CRITERIA] += 0.75 * groups.count("CRIT")
    scores[COOPERATION] += 1.0 * groups.count("COOP")
    # A frequency says point 4 when the text speaks of registering or of a portal; alone ("khi có kế hoạch cụ thể"
    # of a sentence about needs) it is weaker evidence.
    frequency_weight = 2.0 if (scores[REGISTRATION] or groups.count("CHANNEL")) else 1.0
    scores[REGISTRATION] += 2.0 * groups.count("CHANNEL") + frequency_weight * groups.count("FREQ")
    counts = [s for s in doc.spans["counts"] if not re.fullmatch(r"20\d\d", s.text)]
    if counts and (scores[NEEDS] or groups.count("QUAL") or groups.count("IMPLIED")):
        scores[NEEDS] += 1.5 + 0.5 * min(len(counts), 4)
    elif not counts:
        scores[NEEDS] = min(scores[NEEDS], 0.5)
    if scores[PROPOSALS] and any(w in key for w in AUTHORITY_WORDS):
        scores[PROPOSALS] += 1.5
    return scores


def content_key(text: str, among: tuple[str, ...] = ORDER, minimum: float = 1.0) -> str | None:
    """The answer a piece of text reads as most, among `among`, when the evidence reaches `minimum`."""
    scores = content_scores(text)
    best = max(among, key=lambda k: (scores[k], -among.index(k)))
    return best if scores[best] >= minimum else None


def table_key(table: Table) -> str | None:
    """What a table answers by its contents: counts under year or quantity columns are needs; a two-column table of
    kinds and requirements is criteria or offers by its words."""
    texts = [[c.text for c in row if c.origin] for row in table.rows]
    head = fold(" ".join(" ".join(r) for r in texts[:2]))
    flat = fold(" ".join(" ".join(r) for r in texts))
    numeric = sum(1 for r in texts for t in r if re.fullmatch(r"\s*\d{1,3}(?:[.,]\d{3})*\s*", t or ""))
    if numeric >= 2 and (re.search(r"20\d\d|so luong|quantity|nhu cau|sl\b|quy|nam", head)):
        return NEEDS
    if table.n_cols <= 3:
        return content_key(flat, minimum=2.0)
    return None


def sentences(text: str) -> list[str]:
    """Sentences of running text; a full stop before an upper-case letter ends one, as does a semicolon list
    only when the parts are long (a list of criteria stays one sentence)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ(])", text.strip())
    return [p.strip() for p in parts if p.strip()]


# --- units ----------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Unit:
    """A paragraph (one or more lines as the reader gave them) or a table of the body."""
    lines: list  # list[layout.Line]
    text: str = ""
    key: str = ""

    @property
    def is_table(self) -> bool:
        return self.lines[0].is_table

    @property
    def first(self):
        return self.lines[0]

    @property
    def bold(self) -> bool:
        """All its lines set in bold (where the reader can tell: DOCX runs, PDF fonts)."""
        return not self.is_table and all(getattr(ln.block, "bold", False) for ln in self.lines)


def paragraphs(lines: list, make_line, standalone: frozenset[int] = frozenset()) -> list[Unit]:
    """Lines grouped into paragraphs. DOCX paragraphs are paragraphs already; a PDF or OCR line continues the one
    above when that one runs to the right margin, this one is not indented and starts no numbered item."""
    right = _right_margin(lines)
    left = _left_margin(lines)
    units: list[Unit] = []
    for ln in lines:
        if ln.is_table:
            units.append(Unit([ln]))
            continue
        if units and not units[-1].is_table and id(ln) not in standalone and \
                id(units[-1].lines[-1]) not in standalone and _continues(units[-1].lines[-1], ln, right, left):
            units[-1].lines.append(ln)
        else:
            units.append(Unit([ln]))
    for u in units:
        if not u.is_table:
            u.text = " ".join(ln.text.strip() for ln in u.lines)
            u.key = fold(u.text)
    return units


def _edges_by_page(lines: list, side: int) -> dict[int | None, list[float]]:
    """The sorted left (side 0) or right (side 2) edges of the text lines' blocks, page by page."""
    out: dict[int | None, list[float]] = {}
    for ln in lines:
        b = getattr(ln.block, "bbox", None)
        if not ln.is_table and b is not None and ln.block.page is not None:
            out.setdefault(ln.block.page, []).append(b[side])
    return {p: sorted(v) for p, v in out.items()}


def _right_margin(lines: list) -> dict[int | None, float]:
    return {p: v[int(len(v) * 0.9) - 1 if len(v) > 1 else 0] for p, v in _edges_by_page(lines, 2).items()}


def _left_margin(lines: list) -> dict[int | None, float]:
    return {p: v[len(v) // 5] for p, v in _edges_by_page(lines, 0).items()}


def _continues(prev, ln, right: dict, left: dict) -> bool:
    block, pblock = ln.block, prev.block
    if block.page is None or pblock.page is None:
        return False                                   # DOCX: a paragraph is a paragraph
    text, ptext = ln.text.strip(), prev.text.strip()
    if not text or not ptext:
        return False
    if marker(text) is not None or re.match(r"^[-–—•·*+☐☒☑□■✓✔]", text) or _is_frame_start(fold(text)):
        return False
    if ptext.endswith((":", ";")) or (ptext.endswith((".", "!", "?")) and text[:1].isupper()):
        return False
    if getattr(block, "bold", False) != getattr(pblock, "bold", False):
        return False                                   # a bold heading line and the text after it
    b, pb = getattr(block, "bbox", None), getattr(pblock, "bbox", None)
    if b is None or pb is None:
        return not (ptext.endswith(".") and text[:1].isupper())
    if block.page == pblock.page:
        height = max(pb[3] - pb[1], 1.0)
        if b[1] - pb[3] > 1.2 * height or b[1] < pb[1]:
            return False                               # a gap, or a column beside
        if text[:1].islower() and not ptext.endswith((".", "!", "?")):
            return True                                # no paragraph starts in lower case: the line goes on
        r = right.get(block.page)
        if r is not None and pb[2] < r - 0.12 * max(r - left.get(block.page, 0), 1):
            return False                               # the line above stopped short: its paragraph ended
        lm = left.get(block.page)
        if lm is not None and b[0] > lm + 12 and b[0] > pb[0] + 6:
            return False                               # an indented first line
        return True
    return block.page == pblock.page + 1 and not text[:1].isupper()


def _is_frame_start(key: str) -> bool:
    return key.startswith(CLOSING_START) or key.startswith(CONTACT_START)


# --- tick boxes -----------------------------------------------------------------------------------------------

_BOX = re.compile(r"([☐☒☑□■✓✔✗✘⊠]|\[\s*[xX✓✔]?\s*\])")
_TICKED = re.compile(r"[☒☑■✓✔✗✘⊠]|\[\s*[xX✓✔]\s*\]")


def ticked_only(text: str) -> str | None:
    """A line of tick boxes reduced to its ticked options ("☒ Thực tập ☐ Học bổng" -> "Thực tập"); None when the
    line has no tick box (it stays as it is), "" when nothing on it is ticked."""
    if not _BOX.search(text):
        return None
    pieces = _BOX.split(text)
    kept: list[str] = []
    head = pieces[0].strip()
    for i in range(1, len(pieces), 2):
        box, label = pieces[i], pieces[i + 1].strip() if i + 1 < len(pieces) else ""
        if _TICKED.fullmatch(box) and label:
            kept.append(label.strip(" ;,"))
    if not kept:
        return ""
    return (head + " " if head and not head.endswith(":") else "") + "; ".join(kept)


# --- parts ----------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Part:
    """A stretch of the letter that answers one or more of the Board's questions."""
    keys: list[str]
    heading: object | None                     # the heading Line, as written (None: found by content)
    title: str = ""                            # the heading's words, folded
    number: tuple[int, ...] = ()
    units: list[Unit] = field(default_factory=list)
    evidence: str = ""                         # "words", "number", "content"
    region: str = "body"                       # "body" or "annex"
    run_in: str = ""                           # text after the heading on the heading's own line(s)


def split_heading(rest_raw: str) -> tuple[str, str]:
    """A heading line's title and its run-in content: "Tiêu chuẩn lao động: sức khỏe tốt" -> both parts;
    "Về hợp tác, Công ty sẵn sàng ..." -> ("Về hợp tác", "Công ty sẵn sàng ..."); a short line is all title."""
    text = rest_raw.strip()
    m = re.search(r"(:|\.\s|(?<!\d)\s[–—-]\s(?!\d))", text[:140])      # "100 – 120" is a range, no separator
    if m and len(text[:m.start()].split()) <= 16 and _is_run_in(text[m.end():]):
        return text[:m.start()].strip(), text[m.end():].strip()
    if len(text.split()) <= 18 and not text.endswith((".", ";")):
        return text.rstrip(":").strip(), ""
    if len(text.split()) <= 45 and not text.endswith((".", ";", "!", "?")) and \
            _one_heading_key(fold(" ".join(text.split()[:6])), weak=False):
        # A long heading line that is no sentence: the Board's own wording of its question, copied as the heading
        # ("Khả năng hợp tác, liên kết ... (đào tạo theo đơn đặt hàng, cử chuyên gia, ...)"). Its words name the
        # question, they are no answer.
        return text.rstrip(":").strip(), ""
    key = fold(text)
    if key.startswith(tuple(w + " " for w in _LEAD_INS)):
        c = text.find(",")
        if 0 < c <= 80 and _is_run_in(text[c + 1:]):
            return text[:c].strip(), text[c + 1:].strip()
    return "", text


def _is_run_in(text: str) -> bool:
    """Whether the text after a heading is an answer rather than more of the heading (an English half, a
    second noun): a clause of some words, or a count."""
    text = text.strip()
    return len(text.split()) >= 4 or bool(re.search(r"\d", text))


def title_is_heading(title: str, run_in: str) -> bool:
    return bool(title) and len(title.split()) <= 18


# --- the letter -----------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Structure:
    parts: list[Part]
    intro: list                                # frame before and between the answers (introduction, thanks)
    closing: list                              # closing formula, recipients, signature, and what follows
    contact: list                              # contact lines, wherever they stand
    annex: list                                # the annex's lines (after the signature), answers included
    annex_announced: bool = False
    translations: list = field(default_factory=list)   # English repeats of Vietnamese paragraphs
    problems: list[tuple[str, str]] = field(default_factory=list)   # (code, Vietnamese message)
    forms: list = field(default_factory=list)   # tables read as forms (question | answer): their cells are answers

    def lines_of(self, key: str) -> list:
        out: list = []
        for part in self.parts:
            if key in part.keys:
                out.extend(part.lines_for(key) if hasattr(part, "lines_for") else [])
        return out


def _is_english(text: str) -> bool:
    """A paragraph in English: no Vietnamese letter and mostly words that are no Vietnamese syllable."""
    from extractors.text.language import has_vietnamese_letters
    from extractors.text.legacy import is_vietnamese_syllable

    if has_vietnamese_letters(text):
        return False
    words = re.findall(r"[A-Za-z]{2,}", text)
    english = [w for w in words if not is_vietnamese_syllable(w.lower())]
    return len(words) >= 3 and len(english) >= 0.6 * len(words)


def _drop_translations(units: list[Unit], structure: Structure) -> list[Unit]:
    """A bilingual letter repeats each Vietnamese paragraph in English right after it: the translation says the
    same things again (the same counts), so it is frame, not a second answer. A letter in English stays as is."""
    text_units = [u for u in units if not u.is_table]
    english = {id(u) for u in text_units if _is_english(u.text)}
    if len(english) * 2 > len(text_units):
        return units
    kept: list[Unit] = []
    for u in units:
        prev = kept[-1] if kept else None
        if id(u) in english and prev is not None and not prev.is_table and id(prev) not in english \
                and 0.4 <= len(u.text) / max(len(prev.text), 1) <= 2.5 and _same_role(prev, u):
            structure.translations.extend(u.lines)
            continue
        kept.append(u)
    return kept


def _same_role(vietnamese: Unit, english: Unit) -> bool:
    """Whether an English paragraph can be the translation of the one before: both headings with the same
    number, or both running text (an English answer under a Vietnamese heading is no translation)."""
    m1, m2 = marker(vietnamese.text, vietnamese.key), marker(english.text, english.key)
    if m1 is not None and m2 is None:
        # a numbered item ("a) Từ đủ 18 tuổi trở lên;") translated without its number; a numbered heading is not
        # followed by its translation as running text
        title = split_heading(m1.rest_raw)[0]
        return not (title and heading_keys(fold(title)))
    if (m1 is None) != (m2 is None):
        return False
    if m1 is not None:
        return m1.numbers == m2.numbers
    return unnumbered_heading(vietnamese) is None


def _is_signature(u: Unit) -> bool:
    if u.is_table:
        first = next((c.text for row in u.first.block.rows for c in row if c.text.strip()), "")
        return fold(first).startswith(("noi nhan", "tran trong"))
    k = u.key
    return bool(SIGNATURE_LINE.match(k)) or (bool(PLACE_DATE.match(k)) and len(k) < 60)


def _is_closing(u: Unit) -> bool:
    return not u.is_table and u.key.startswith(CLOSING_START)


def _is_contact(u: Unit) -> bool:
    if u.is_table:
        return False
    k = u.key
    if k.startswith(CONTACT_START):
        return True
    # "Mọi chi tiết xin liên hệ chị ..., số máy 0396 ...": a sentence whose point is a contact.
    return ("lien he" in k or "contact" in k) and bool(re.search(r"\d{3}[ .]?\d{3}[ .]?\d{3,4}|@", k)) and len(k) < 260


def _form_rows(table: Table) -> list[tuple[str, str]] | None:
    """A two-column form: (question, answer) per row, when the left column names at least two of the answers."""
    rows = [[c for c in row if c.origin] for row in table.rows]
    if not rows or any(len(r) > 3 for r in rows):
        return None
    # The question column is the one whose cells name the answers: the first, or the second after a numbering
    # column ("STT | Nội dung | Ý kiến của doanh nghiệp"); the answers are in the last.
    best: tuple[int, list[tuple[str, str]]] | None = None
    for q in (0, 1):
        pairs = []
        for r in rows:
            if len(r) < q + 2:
                continue
            question = r[q].text
            number = r[0].text.strip() if q else ""
            if re.fullmatch(r"\(?(?:\d{1,2}|[IVXivx]{1,4})[.)]?", number) and marker(question) is None:
                question = f"{number.strip('(.)')}. {question}"      # the row's number numbers its question
            pairs.append((question, r[-1].text))
        if pairs and not heading_keys(_title_of(pairs[0][0])) and all(
                len(c.text.split()) <= 6 for c in rows[0]):
            pairs = pairs[1:]                # the form's header row ("STT | Nội dung | Ý kiến của doanh nghiệp")
        named = {k for question, _ in pairs for k in heading_keys(_title_of(question))}
        if len(pairs) >= 2 and len(named) >= 2 and (best is None or len(named) > best[0]):
            best = (len(named), pairs)
    return best[1] if best else None


def _title_of(text: str) -> str:
    m = marker(text)
    return fold(split_heading(m.rest_raw)[0] if m else text)


def build_structure(lines: list, make_line) -> Structure:
    """The parts and frame of a letter's body (`lines`: from the addressee line on)."""
    expanded: list = []
    standalone: set[int] = set()
    forms: list = []
    for ln in lines:
        if ln.is_table:
            pairs = _form_rows(ln.block)
            if pairs is not None:
                forms.append(ln.block)
                for question, answer in pairs:
                    # the question cell heads its answer, also when it is asked as a question ("Doanh nghiệp có
                    # kiến nghị gì không?"): set as a heading, without its question mark
                    asked = " ".join(question.split()).rstrip(" ?")
                    if asked:
                        expanded.append(make_line(asked, ln))
                        expanded[-1].block.bold = True
                        standalone.add(id(expanded[-1]))
                    for piece in cell_paragraphs(answer, ln.block.page is not None):
                        if piece.strip():
                            expanded.append(make_line(piece, ln))
                            standalone.add(id(expanded[-1]))
                continue
            expanded.append(ln)
            continue
        ticked = ticked_only(ln.text)
        if ticked is None:
            expanded.append(ln)
        elif ticked:
            expanded.append(make_line(ticked, ln))
    units = paragraphs(expanded, make_line, frozenset(standalone))
    structure = Structure([], [], [], [], [], forms=forms)
    units = _drop_translations(units, structure)

    # The frame: the body ends at the closing formula or the signature; an annex may follow.
    end = len(units)
    seen_content = False
    for i, u in enumerate(units):
        if i == 0 and not u.is_table and _ADDRESSEE.match(u.key):
            continue
        if _is_closing(u) or (_is_signature(u) and seen_content):
            end = i
            break
        if not _is_contact(u):
            seen_content = True
    body, tail = units[:end], units[end:]
    annex_at = None
    for j, u in enumerate(tail):
        if u.is_table:
            if _is_signature(u):
                continue
            if table_key(u.first.block) is not None:
                annex_at = j
                break
            continue
        if ANNEX_TITLE.match(u.key):
            annex_at = j
            break
        m = marker(u.text, u.key)
        if m is not None and heading_keys(fold(split_heading(m.rest_raw)[0])):
            annex_at = j
            break
        if unnumbered_heading(u) is not None:
            annex_at = j
            break
    if annex_at is None:
        structure.closing = [ln for u in tail for ln in u.lines]
        annex: list[Unit] = []
    else:
        structure.closing = [ln for u in tail[:annex_at] for ln in u.lines]
        annex = tail[annex_at:]
        structure.annex = [ln for u in annex for ln in u.lines]
    structure.annex_announced = any(ANNEX_ANNOUNCED.search(u.key) for u in body if not u.is_table)
    body_tables = any(u.is_table and table_key(u.first.block) == NEEDS for u in body)
    if structure.annex_announced and not annex and not body_tables:
        structure.problems.append((
            FlagCode.annex_missing,
            "Công văn nhắc tới phụ lục/bảng kèm theo nhưng không tìm thấy trong tệp; đề nghị kiểm tra tệp đính kèm."))

    for region, region_units in (("body", body), ("annex", annex)):
        kept = []
        for u in region_units:
            if _is_contact(u):
                structure.contact.extend(u.lines)
            elif region == "annex" and (_is_signature(u) or _is_closing(u)):
                structure.closing.extend(u.lines)
            else:
                kept.append(u)
        structure.parts.extend(_parts(kept, region, structure, make_line))
    return structure


def unnumbered_heading(u: Unit) -> tuple[str, str, list[str]] | None:
    """An unnumbered heading line: (title, run-in text, keys), or None."""
    if u.is_table:
        return None
    text = u.text.strip()
    key = u.key
    if re.match(r"^[-–—•·*+►▪☐☒☑□■]", text):
        return None                                   # a list item
    title, run_in = split_heading(text)
    # A paragraph set in bold that is no sentence is a heading however long (the Board's own question copied).
    bold = u.bold and not text.endswith((".", ";", ",", "!", "?")) and len(text.split()) <= 45
    if bold and (not title or run_in) and not re.search(r":\s*\S", text):
        title, run_in = text.rstrip(":").strip(), ""
    if not title:
        return None
    tkey = fold(title)
    words = len(title.split())
    shouting = title.isupper() and words >= 2
    about = tkey.startswith(tuple(w + " " for w in _LEAD_INS))
    colon = text.rstrip().endswith(":") or (run_in and text[len(title):].lstrip().startswith(":"))
    # A short line that is only a heading (bold in the letter, which a scan's text does not keep): "Tiêu chuẩn
    # lao động".
    bare = not run_in and words <= 8 and not text.endswith((".", ";", ",")) and _starts_with_heading_word(tkey)
    if not (shouting or about or colon or bare or bold) or (words > 16 and not bold):
        return None
    keys = heading_keys(tkey)
    if not keys:
        return None
    if colon and not (shouting or about) and not any(w in tkey for _, ws in HEADING_WORDS for w in ws):
        return None
    # "Công ty xin có ý kiến như sau:" introduces the answers; it is no heading.
    if any(c in key for c in ("nhu sau", "812", "cong van")):
        return None
    return title, run_in, keys


def _starts_with_heading_word(key: str) -> bool:
    first = " ".join(key.split()[:2])
    return any(first.startswith(w) or w.startswith(first) for _, ws in HEADING_WORDS for w in ws if len(w) > 4)


def _parts(units: list[Unit], region: str, structure: Structure, make_line) -> list[Part]:
    markers = [None if u.is_table else marker(u.text, u.key) for u in units]
    scheme = _top_scheme(units, markers)
    parts: list[Part] = []
    current: Part | None = None
    used_numbers: set[int] = set()
    loose: list[tuple[Unit, Part | None]] = []          # units no heading covers: read by content
    nested = False               # inside an answer, a list numbered like the answers started again ("a) b) c)")
    for u, m in zip(units, markers):
        opened = None
        if m is not None and m.scheme == scheme:
            title, run_in = split_heading(m.rest_raw)
            keys = heading_keys(fold(title), _by_number(m.numbers[0])) if title else []
            if set(m.numbers) <= used_numbers and not keys and current is not None:
                nested = True    # its items go on with numbers the answers have not used: only words open one
            if (not set(m.numbers) <= used_numbers and not nested) or keys:
                nested = False
                opened = Part([], u.first, fold(title), m.numbers, [], "", region, run_in)
                opened.heading = u.first
                used_numbers.update(m.numbers)
                if keys:
                    opened.keys, opened.evidence = keys, "words"
        elif m is None:
            unnumbered = unnumbered_heading(u)
            if unnumbered is not None:
                title, run_in, keys = unnumbered
                answered = {k for p in parts for k in p.keys}
                if scheme is None or not set(keys) <= answered or current is None:
                    opened = Part(keys, u.first, fold(title), (), [], "words", region, run_in)
                elif current is not None and not set(keys) & set(current.keys):
                    # A heading of an answer given already, inside another answer: which is which is unclear.
                    structure.problems.append((
                        FlagCode.heading_in_answer,
                        f"Phần trả lời có dòng giống tiêu đề của mục khác: «{u.text[:80]}»; đề nghị kiểm tra "
                        f"cách chia mục."))
        if opened is not None:
            current = opened
            opened.units = [u]
            parts.append(opened)
            # Without numbering, a heading run into its paragraph ("Về hợp tác, Công ty ...") heads that paragraph
            # only: the next one is read for itself, unless the paragraph is unfinished (it ends with ";" or ","
            # of a list that goes on, or ":" that announces a table or list).
            if scheme is None and m is None and opened.run_in.strip() and not _unfinished(u):
                current = None
            continue
        if current is None:
            loose.append((u, None))
        else:
            current.units.append(u)
            if scheme is None and current.heading is not None and current.run_in.strip() and not _unfinished(u):
                current = None
    _classify(parts, scheme)
    parts = _share_parts(parts, structure, make_line)
    out: list[Part] = []
    for part in parts:
        if not part.keys:
            # Nothing says which question it answers: its units are read by content like the loose ones.
            for u in part.units:
                loose.append((u, part))
            continue
        out.append(part)
    # Loose units (the introduction, unheaded paragraphs): sentence by sentence, by content.
    for u, _ in loose:
        if u.is_table:
            key = table_key(u.first.block)
            if key is not None:
                out.append(Part([key], None, "", (), [u], "content", region))
            else:
                structure.intro.extend(u.lines)
            continue
        _read_loose(u, region, out, structure, make_line)
    _claim_needs_table(out)
    return out


def _claim_needs_table(parts: list[Part]) -> None:
    """Point 1 that refers to a table it does not hold ("Chi tiết tại bảng dưới đây") takes the needs table that
    stands under another answer (a form's answers, then the table after it): the table answers point 1."""
    needs = [p for p in parts if NEEDS in p.keys]
    if not needs or any(u.is_table and table_key(u.first.block) == NEEDS for p in needs for u in p.units):
        return
    if not any(not u.is_table and TABLE_ANNOUNCED.search(u.key) for p in needs for u in p.units):
        return
    for part in parts:
        if NEEDS in part.keys:
            continue
        for u in [u for u in part.units if u.is_table and table_key(u.first.block) == NEEDS]:
            part.units.remove(u)
            needs[0].units.append(u)


def _unfinished(u: Unit) -> bool:
    """A paragraph that does not end its sentence: what follows it belongs to it."""
    return not u.is_table and u.text.rstrip().endswith((";", ",", ":"))


def _top_scheme(units: list[Unit], markers: list) -> str | None:
    by_scheme: dict[str, list[Marker]] = {}
    for m in markers:
        if m is not None:
            by_scheme.setdefault(m.scheme, []).append(m)
    best, best_score = None, 0.0
    found: list[set[str]] = []

    def unheaded_keys() -> set[str]:
        """The answers that unnumbered headings (bold, "Về ...:", upper case) of the letter name."""
        if not found:
            found.append({k for u, m in zip(units, markers) if m is None
                          for k in (unnumbered_heading(u) or ("", "", []))[2]})
        return found[0]

    for scheme, ms in by_scheme.items():
        numbers = {n for m in ms for n in m.numbers if 1 <= n <= 6}
        if not numbers or min(numbers) > 3:
            continue
        named = {k for m in ms for k in heading_keys(fold(split_heading(m.rest_raw)[0]))}
        score = len(numbers) + len(named) + (0.5 if scheme.startswith(("label", "ordinal")) else 0)
        if len(numbers) < 2 and not named:
            continue
        if not named and len(unheaded_keys()) >= 2:
            continue              # "a) b) c)" items under the letter's unnumbered headings: a list, not the answers
        if score > best_score:
            best, best_score = scheme, score
    return best


def _classify(parts: list[Part], scheme: str | None) -> None:
    """Keys of the parts their words did not name: their number, when the letter numbers its answers in the
    Board's order, else their content."""
    # The numbers follow the Board's order when the parts whose words or content say what they answer mostly
    # agree with their number: a decree's "1. 2. 3." are no answers to the Board.
    agree = disagree = 0
    for p in parts:
        if not p.number:
            continue
        said = p.keys[:1] if p.keys else [k for k in [_part_content_key(p, 1.0)] if k]
        if said:
            if _by_number(p.number[0]) in (p.keys or said):
                agree += 1
            else:
                disagree += 1
    numbers_follow_board = agree >= 2 and agree > disagree
    for p in parts:
        if len(p.number) == 2:
            lo, hi = p.number
            by_number = [_by_number(n) for n in range(lo, hi + 1) if _by_number(n)]
            if numbers_follow_board and by_number:
                merged = list(p.keys) + [k for k in by_number if k not in p.keys]
                p.keys = [k for k in ORDER if k in merged]
                p.evidence = p.evidence or "number"
                continue
        if p.keys:
            continue
        text = p.run_in + " " + " ".join(u.text for u in p.units[1:] if not u.is_table)
        tables = [u.first.block for u in p.units if u.is_table]
        by_content = content_key(text, minimum=1.5) if text.strip() else None
        if tables and any(table_key(t) == NEEDS for t in tables):
            by_content = NEEDS
        by_number = _by_number(p.number[0]) if p.number and numbers_follow_board else None
        if by_number is not None:
            p.keys, p.evidence = [by_number], "number"
        elif by_content is not None:
            p.keys, p.evidence = [by_content], "content"


def _part_content_key(p: Part, minimum: float) -> str | None:
    text = p.run_in + " " + " ".join(u.text for u in p.units[1:] if not u.is_table)
    if any(u.is_table and table_key(u.first.block) == NEEDS for u in p.units):
        return NEEDS
    return content_key(text, minimum=minimum) if text.strip() else None


def _by_number(n: int) -> str | None:
    return ORDER[n - 1] if 1 <= n <= len(ORDER) else None


def _read_loose(u: Unit, region: str, out: list[Part], structure: Structure, make_line) -> None:
    """An unheaded paragraph, sentence by sentence (a clause that speaks of two answers piece by piece,
    sharing.py): each piece with evidence of an answer joins it (those after it in the same paragraph follow),
    the rest is frame."""
    current: Part | None = None
    for sentence, line in _sentence_lines(u, clauses=True):
        skey = fold(sentence)
        if any(c in skey for c in INTRO_CUES) and not proposes(sentence):
            # "Nhận được Công văn 812 ..., Công ty xin báo cáo: năm nay cần thêm 12 thợ tiện": what follows the
            # colon of an introduction may be an answer already.
            tail = sentence.split(":", 1)[1].strip() if ":" in sentence[:-1] else ""
            if not tail or content_key(tail, minimum=1.5) is None:
                current = None
                structure.intro.append(make_line(sentence, line))
                continue
            structure.intro.append(make_line(sentence[: len(sentence) - len(tail)], line))
            sentence, skey = tail, fold(tail)
        previous = current.keys[0] if current is not None else None
        for piece in share_out([(sentence, line)], (), content_scores, previous):
            if piece.key is None:
                structure.intro.append(make_line(piece.text.strip(), line))
                continue
            _doubt(piece, structure)
            if current is None or piece.key not in current.keys:
                current = Part([piece.key], None, "", (), [], "content", region)
                out.append(current)
            text = piece.text.strip()
            current.units.append(Unit([make_line(text, line)], text, fold(text)))


def _share_parts(parts: list[Part], structure: Structure, make_line) -> list[Part]:
    """Each part's text read again piece by piece (sharing.py): a heading's paragraph that goes on to answer other
    questions ("Về tiêu chuẩn, ... Công ty sẵn sàng nhận sinh viên thực tập ... đăng ký hằng tuần trên cổng ...")
    gives those pieces to the answers no other part gives; a piece that speaks only of an answer another heading
    gives stays where it is, flagged; a piece whose answer its content does not decide is flagged."""
    _rekey_by_content(parts)
    out: list[Part] = []
    for part in parts:
        if not part.keys:
            out.append(part)
            continue
        elsewhere = {k for q in parts if q is not part for k in q.keys}
        out.extend(_share_part(part, elsewhere, structure, make_line))
    return out


def _rekey_by_content(parts: list[Part]) -> None:
    """A part that only its number keys ("Thứ ba, Công ty đăng ký ... trên cổng ...") whose content names another
    answer clearly, and none of its own, answers that one when no other part does: a letter that merged two
    answers numbers the next one on ("Thứ ba" after points 2 and 3 in one paragraph)."""
    for part in parts:
        if part.evidence != "number" or len(part.keys) != 1:
            continue
        text = " ".join([part.run_in] + [u.text for u in part.units[1:] if not u.is_table]).strip()
        if not text or any(u.is_table for u in part.units):
            continue
        scores = scores_of(text, content_scores)
        own = part.keys[0]
        ranked = sorted(scores, key=lambda k: -scores[k])
        best, second = ranked[0], ranked[1]
        taken = {k for q in parts if q is not part for k in q.keys}
        if best != own and best not in taken and scores[own] < 0.5 and scores[best] >= STRONG \
                and scores[best] - scores[second] >= CLEAR:
            part.keys, part.evidence = [best], "content"


def _share_part(part: Part, elsewhere: set[str], structure: Structure, make_line) -> list[Part]:
    prior = tuple(part.keys)
    sources: list[tuple[Unit | None, list[Piece]]] = []      # None: the heading's run-in text
    previous: str | None = prior[0]
    if part.heading is not None and part.run_in.strip():
        run_in = Unit([make_line(part.run_in, part.heading)])
        pieces = share_out(_sentence_lines(run_in, clauses=True), prior, content_scores, previous)
        sources.append((None, pieces))
        previous = pieces[-1].key if pieces else previous
    for u in part.units[1:] if part.heading is not None else part.units:
        if u.is_table:
            continue
        pieces = share_out(_sentence_lines(u, clauses=True), prior, content_scores, previous)
        sources.append((u, pieces))
        previous = pieces[-1].key if pieces else previous
    moved = False
    for _, pieces in sources:
        for piece in pieces:
            own = _own_key(prior, piece)
            if piece.key is None:
                piece.key = own
            elif piece.key not in prior and piece.key in elsewhere:
                # Another heading gives that answer: the piece stays; flagged when nothing in it speaks of its own
                # answer (a needs section may name where it hires from, any proposal may speak of any answer).
                if piece.evidence and piece.own < 0.5 and piece.key != NEEDS and not {NEEDS, PROPOSALS} & set(prior):
                    structure.problems.append((
                        FlagCode.answer_unclear,
                        f"Phần «{answer_name(own)}» có câu nói về «{answer_name(piece.key)}»: "
                        f"«{_snippet(piece.text)}»; đề nghị kiểm tra câu này thuộc mục nào."))
                piece.key = own
            elif piece.key not in prior:
                moved = True
            _doubt(piece, structure, prior, elsewhere)
    if not moved:
        return [part]
    moved_to: dict[str, Part] = {}

    def give(key: str, text: str, line) -> None:
        text = " ".join(text.split())
        if not text:
            return
        target = moved_to.get(key)
        if target is None:
            target = moved_to[key] = Part([key], None, "", (), [], "content", part.region)
        target.units.append(Unit([make_line(text, line)], text, fold(text)))

    kept_units: list[Unit] = part.units[:1] if part.heading is not None else []
    by_unit = {id(u): pieces for u, pieces in sources if u is not None}
    for u, pieces in sources:
        if u is None:
            part.run_in = " ".join(p.text.strip() for p in pieces if p.key in prior)
            for p in pieces:
                if p.key not in prior:
                    give(p.key, p.text, p.line)
    for u in part.units[1:] if part.heading is not None else part.units:
        pieces = by_unit.get(id(u))
        if pieces is None or all(p.key in prior for p in pieces):
            kept_units.append(u)
            continue
        for key, run in _runs(pieces):
            text = " ".join(p.text.strip() for p in run)
            if key in prior:
                line = make_line(" ".join(text.split()), run[0].line)
                kept_units.append(Unit([line], line.text, fold(line.text)))
            else:
                give(key, text, run[0].line)
    part.units = kept_units
    return [part, *moved_to.values()]


def _own_key(prior: tuple[str, ...], piece: Piece) -> str:
    return piece.key if piece.key in prior else prior[0]


def _runs(pieces: list[Piece]) -> list[tuple[str, list[Piece]]]:
    runs: list[tuple[str, list[Piece]]] = []
    for p in pieces:
        if runs and runs[-1][0] == p.key:
            runs[-1][1].append(p)
        else:
            runs.append((p.key, [p]))
    return runs


def _doubt(piece: Piece, structure: Structure, prior: tuple[str, ...] = (), elsewhere: set[str] = frozenset()) -> None:
    """Flag a piece whose answer its content does not decide, when the doubt matters: between answers it could go
    to (its heading's, or one no other part gives). Needs are not among them: a count that no needs section reads
    is flagged by the accounting (accounting.py), and a count beside a requirement is no doubt."""
    possible = [k for k in piece.doubt if k != NEEDS and (k in prior or k not in elsewhere)]
    if len(set(possible)) >= 2:
        names = " hay ".join(f"«{answer_name(k)}»" for k in dict.fromkeys(possible))
        structure.problems.append((
            FlagCode.answer_unclear,
            f"Chưa rõ câu «{_snippet(piece.text)}» trả lời mục nào ({names}); đề nghị kiểm tra."))


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:97] + "..."


def _sentence_lines(u: Unit, clauses: bool = False) -> list[tuple[str, object]]:
    """The sentences of a paragraph unit (or their clauses between semicolons), each with the line it starts on."""
    out: list[tuple[str, object]] = []
    offsets: list[tuple[int, object]] = []
    pos = 0
    for ln in u.lines:
        offsets.append((pos, ln))
        pos += len(ln.text.strip()) + 1
    text = " ".join(ln.text.strip() for ln in u.lines)
    start = 0
    pieces = [c for s in sentences(text) for c in (re.split(r"(?<=;)\s+", s) if clauses else [s])]
    for sentence in pieces:
        at = text.find(sentence, start)
        start = at + len(sentence) if at >= 0 else start
        line = next((ln for off, ln in reversed(offsets) if off <= max(at, 0)), u.lines[0])
        out.append((sentence, line))
    return out


def part_lines(part: Part, key: str, make_line) -> list:
    """The lines of a part that answer `key`: the run-in text of its heading, its paragraphs and tables; a part
    that answers several questions is shared out sentence by sentence by content."""
    lines: list = []
    units = part.units[1:] if part.heading is not None else part.units
    if part.heading is not None and part.run_in.strip():
        units = [Unit([make_line(part.run_in, part.heading)])] + list(units)
    if len(part.keys) == 1:
        return [ln for u in units for ln in u.lines]
    # Shared out: tables to every key (a needs table may hold a criteria column), sentences by content. Each
    # paragraph is read for itself: a list item's sentence never runs on into the next item ("- Tốt nghiệp trung
    # cấp. - Cử kỹ sư giảng dạy." are two items, of two answers).
    previous = part.keys[0]
    among = tuple(part.keys)
    for u in units:
        if u.is_table:
            lines.append(u.first)
            continue
        u.text = " ".join(ln.text.strip() for ln in u.lines)
        for sentence, line in _sentence_lines(u, clauses=True):
            found = content_key(sentence, among=among, minimum=0.5)
            owner = found or previous
            previous = owner
            if owner == key:
                lines.append(make_line(sentence, line))
    return lines
