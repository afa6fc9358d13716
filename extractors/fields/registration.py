"""Point 4: how often the enterprise will register its hiring needs, and on which portals."""
from __future__ import annotations

import re

from extractors import vocab
from extractors.fields.layout import REGISTRATION, LetterView
from extractors.nlp import get_nlp
from extractors.text.normalize import fold, one_line
from schemas import Registration

_CHANNEL_NAMES = vocab.labels("portals")          # portal -> the name written into `channels`
# Clauses with words between their parts ("khi Công ty có kế hoạch"): value -> compiled patterns.
_CLAUSES = {value: [re.compile(p) for p in patterns]
            for value, patterns in vocab.terms("frequencies", "clause_patterns").items()}


def _rhythm_pattern() -> re.Pattern[str]:
    words = vocab.load("rhythms")
    units = "|".join(vocab.either(w) for w in words["units"].values())
    counts = "|".join([r"\d+"] + [vocab.either(w) for w in words["numbers"].values()])
    phrases = words["phrases"]
    counted = rf"(?:{counts})\s*(?:{units})"
    return re.compile(rf"(?<!\w)(?:{counted}\s*(?:{vocab.either(phrases['after'])})"
                      rf"|(?:{vocab.either(phrases['before'])})\s+{counted}"
                      rf"|{vocab.either(phrases['yearly'])})(?!\w)")


def _times_pattern() -> re.Pattern[str]:
    """Times per length (folded text): "2 lần/tháng", "hai lần mỗi tháng", "1 lần/6 tháng", "một tháng hai lần",
    "mỗi tháng 01 lần"; `n`/`m`/`t` the times, `len`/`len2` the length's count, `u`/`u2` its unit."""
    words = vocab.load("rhythms")
    units = "|".join(vocab.either(w) for w in words["units"].values())
    counts = "|".join([r"\d+"] + [vocab.either(w) for w in words["numbers"].values()] + ["mot"])
    phrases = words["phrases"]
    times, per = vocab.either(phrases["times"]), vocab.either(phrases["per"])
    return re.compile(rf"(?<!\w)(?:(?:(?P<n>{counts})\s*(?:{times})|(?P<t>{vocab.either(phrases['twice'])}))"
                      rf"\s*(?:(?:{per})\s*)?(?:(?P<len>{counts})\s*)?(?P<u>{units})"
                      rf"|(?:{per})\s*(?:(?P<len2>{counts})\s*)?(?P<u2>{units})\s*(?P<m>{counts})\s*(?:{times}))(?!\w)")


_RHYTHM = _rhythm_pattern()
_TIMES = _times_pattern()
# Once in these lengths is a frequency of the contract.
_CONTRACT_RHYTHMS = {("1", "week"): "weekly", ("1", "month"): "monthly", ("3", "month"): "quarterly",
                     ("1", "quarter"): "quarterly"}
_UNIT_OF = {fold(w): unit for unit, ws in vocab.load("rhythms")["units"].items() for w in ws}
_NUMBER_OF = {fold(w): n for n, ws in vocab.load("rhythms")["numbers"].items() for w in ws}
_COUNTED = re.compile(rf"(\d+|{'|'.join(map(re.escape, _NUMBER_OF))})\s*({'|'.join(map(re.escape, _UNIT_OF))})\b")


def _number(word: str | None) -> str:
    """A count as digits without leading zeros ("01" -> "1", "ba" -> "3", "một" -> "1"); "1" when none is said."""
    if not word:
        return "1"
    if word.isdigit():
        return str(int(word))
    return "1" if word == "mot" else _NUMBER_OF.get(word, "")


def _rhythms(text: str) -> list[tuple[int, int, str | None]]:
    """The rhythms stated with counts, as (start, end) in fold(text) and the contract's frequency they are, or None
    when the contract has none for them ("6 tháng một lần", "mỗi 2 tuần", "hằng năm", "2 lần/tháng")."""
    key = fold(text)
    found: list[tuple[int, int, str | None]] = []
    for m in _RHYTHM.finditer(key):
        count = _COUNTED.search(m.group(0))
        value = _CONTRACT_RHYTHMS.get((_number(count.group(1)), _UNIT_OF[count.group(2)])) if count else None
        found.append((*m.span(), value))
    for m in _TIMES.finditer(key):
        if any(start <= m.start() < end for start, end, _ in found):
            continue
        times = _number(m.group("n") or m.group("m") or ("2" if m.group("t") else None))
        unit = _UNIT_OF[m.group("u") or m.group("u2")]
        value = _CONTRACT_RHYTHMS.get((_number(m.group("len") or m.group("len2")), unit)) if times == "1" else None
        found.append((*m.span(), value))
    return sorted(found)


def rhythms_outside_contract(text: str) -> list[tuple[int, int]]:
    """Spans (in fold(text)) of rhythms the contract has no value for: "6 tháng một lần", "mỗi 2 tuần", "hằng năm",
    "2 lần/tháng", "một tháng hai lần", "1 lần/năm"."""
    return [(start, end) for start, end, value in _rhythms(text) if value is None]


def rhythm_frequencies(text: str) -> list[str]:
    """The contract's frequencies that counted rhythms state: "01 lần/tháng", "định kỳ 03 tháng", "mỗi quý 1 lần"."""
    return [value for _, _, value in _rhythms(text) if value is not None]


def frequency_doubt(view: LetterView, registration: Registration) -> str | None:
    """Why the frequency is in doubt: the letter states a rhythm the contract has no value for (left empty), or
    names several frequencies that its words do not decide between."""
    if set(_ticked(view.section_lines(REGISTRATION))) == {registration.frequency} and registration.frequency:
        return None
    _, doubt = _from_text(view)
    return doubt


def _section_text(view: LetterView) -> str:
    return one_line(" ".join(ln.text for ln in view.section_lines(REGISTRATION) if not ln.is_table))


# A cell that ticks the option named by its column's header or its row's first cell.
_TICK = re.compile(r"^\s*(?:x|✓|✔|☒|☑|■|v)\s*$", re.I)


def _ticked(lines) -> list[str]:
    """The frequencies ticked in the tables of point 4: a grid whose header names them and whose row marks one with
    "X" (or rows "Hằng tháng | X"): what the header or the row label of each tick names."""
    labels = []
    for ln in lines:
        if not ln.is_table:
            continue
        rows = [[cell.text for cell in row] for row in ln.block.rows]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if not _TICK.match(text or ""):
                    continue
                if r > 0 and c < len(rows[0]) and not _TICK.match(rows[0][c] or ""):
                    labels.append(rows[0][c])
                if c > 0 and not _TICK.match(row[0] or ""):
                    labels.append(row[0])
    out = []
    for label in labels:
        doc = get_nlp()(label)
        out += [s.label_.split(":")[1] for s in doc.spans["terms"] if s.label_.startswith("FREQ:")]
        out += [value for value, patterns in _CLAUSES.items() if any(p.search(fold(label)) for p in patterns)]
    return out


def extract_registration(view: LetterView) -> Registration:
    ticked = set(_ticked(view.section_lines(REGISTRATION)))
    reading, _ = _from_text(view)
    if len(ticked) == 1:                 # one box ticked in a grid: that is the frequency
        return Registration(frequency=ticked.pop(), channels=reading.channels)
    return reading


_NAMES = vocab.labels("frequencies")
# What may stand between two frequencies named as options ("hằng tuần, hằng tháng", "hàng tháng hoặc hàng quý").
_BETWEEN_OPTIONS = re.compile(r"^[\s,/;-]*(?:(?:hoac|va|hay|hoac la|or|and)\s*)?$")


def _from_text(view: LetterView) -> tuple[Registration, str | None]:
    """The registration point 4 states, and why its frequency is in doubt (None when it is not)."""
    text = _section_text(view)
    if not text:
        return Registration(), None
    original = text
    rhythms = rhythms_outside_contract(text)
    if rhythms:
        start, end = rhythms[0]
        said = text[start:end] if len(fold(text)) == len(text) else fold(text)[start:end]
        outside = (f"Tần suất đăng ký «{said}» không thuộc các mức hằng tuần, hằng tháng, hằng quý hay khi có nhu "
                   f"cầu")
        # "6 tháng một lần" holds "tháng một lần": the frequency terms read only what lies outside such rhythms
        # (fold keeps one character per character of a one-line text; otherwise the rhythms leave no frequency).
        if len(fold(text)) != len(text):
            return Registration(channels=_channels(get_nlp()(text))), outside
        for start, end in rhythms:
            text = text[:start] + " " * (end - start) + text[end:]
    doc = get_nlp()(text)
    key = fold(text)
    found = [(s.start_char, s.end_char, s.label_.split(":")[1]) for s in doc.spans["terms"]
             if s.label_.startswith("FREQ:")]
    found += [(start, end, value) for start, end, value in _rhythms(text) if value is not None]
    found += [(m.start(), m.end(), value) for value, patterns in _CLAUSES.items() for p in patterns
              for m in p.finditer(key)]
    found.sort()
    # A fixed rhythm stated anywhere beats "when needed": "hằng tháng, và khi có nhu cầu đột xuất" is monthly.
    fixed = [f for f in found if f[2] != "ad_hoc"]
    frequency, doubt = _choose(fixed, key, original) if fixed else (found[0][2] if found else None, None)
    if rhythms and not fixed:
        frequency = None         # "6 tháng một lần hoặc khi có nhu cầu": no contract value says it; an officer does
        doubt = outside
    return Registration(frequency=frequency, channels=_channels(doc)), doubt


def _choose(fixed: list[tuple[int, int, str]], key: str, text: str) -> tuple[str | None, str | None]:
    """One fixed frequency of several named. Frequencies named together as options ("hằng tuần, hằng tháng": the
    Board's question said again, or an answer that does not choose) give way to one named on its own ("..., Công
    ty sẽ thực hiện hằng quý"); options alone, or two frequencies each on its own, leave a doubt."""
    values = list(dict.fromkeys(v for _, _, v in fixed))
    if len(values) == 1:
        return values[0], None
    listed: set[int] = set()
    for i in range(len(fixed) - 1):
        (_, end, a), (start, _, b) = fixed[i], fixed[i + 1]
        if a != b and start >= end and _BETWEEN_OPTIONS.match(key[end:start]):
            listed.update((i, i + 1))
    alone = list(dict.fromkeys(v for i, (_, _, v) in enumerate(fixed) if i not in listed))
    names = ", ".join(f"«{_NAMES[v]}»" for v in values)
    if len(alone) == 1:
        return alone[0], None
    if not alone:
        return None, f"Tần suất đăng ký nêu nhiều mức ({names}), chưa rõ Công ty chọn mức nào"
    return alone[0], f"Tần suất đăng ký nêu nhiều mức ({names}); đã ghi «{_NAMES[alone[0]]}»"


def _channels(doc) -> list[str]:  # noqa: ANN001 - a spaCy Doc
    channels: list[str] = []
    for span in doc.spans["terms"]:
        if span.label_.startswith("CHANNEL:"):
            name = _CHANNEL_NAMES[span.label_.split(":")[1]]
            if name not in channels:
                channels.append(name)
    return channels
