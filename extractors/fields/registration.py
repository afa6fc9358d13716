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
    """Times per length: "2 lần/tháng", "hai lần mỗi tháng", "một tháng hai lần" (folded text); `n` the count."""
    words = vocab.load("rhythms")
    units = "|".join(vocab.either(w) for w in words["units"].values())
    counts = "|".join([r"\d+"] + [vocab.either(w) for w in words["numbers"].values()] + ["mot"])
    phrases = words["phrases"]
    times, per = vocab.either(phrases["times"]), vocab.either(phrases["per"])
    return re.compile(rf"(?<!\w)(?:(?:(?P<n>{counts})\s*(?:{times})|(?P<t>{vocab.either(phrases['twice'])}))"
                      rf"\s*(?:(?:{per})\s*)?(?:{units})"
                      rf"|(?:{per})\s*(?:{units})\s*(?P<m>{counts})\s*(?:{times}))(?!\w)")


_RHYTHM = _rhythm_pattern()
_TIMES = _times_pattern()
_CONTRACT_RHYTHMS = {("1", "week"), ("1", "month"), ("3", "month"), ("1", "quarter")}
_UNIT_OF = {fold(w): unit for unit, ws in vocab.load("rhythms")["units"].items() for w in ws}
_NUMBER_OF = {fold(w): n for n, ws in vocab.load("rhythms")["numbers"].items() for w in ws}


def rhythms_outside_contract(text: str) -> list[tuple[int, int]]:
    """Spans (in fold(text)) of rhythms the contract has no value for: "6 tháng một lần", "mỗi 2 tuần", "hằng năm",
    "2 lần/tháng", "một tháng hai lần".

    "1 tháng một lần" and "3 tháng một lần" are the contract's own (the frequency terms read them)."""
    key = fold(text)
    spans = []
    for m in _RHYTHM.finditer(key):
        count = re.search(rf"(\d+|{'|'.join(map(re.escape, _NUMBER_OF))})\s*({'|'.join(map(re.escape, _UNIT_OF))})\b",
                          m.group(0))
        if count:
            number = _NUMBER_OF.get(count.group(1), str(int(count.group(1))) if count.group(1).isdigit() else "")
            if (number, _UNIT_OF[count.group(2)]) in _CONTRACT_RHYTHMS:
                continue
        spans.append(m.span())
    for m in _TIMES.finditer(key):
        count = m.group("n") or m.group("m") or m.group("t")
        if count in ("1", "mot") or any(start <= m.start() < end for start, end in spans):
            continue                  # once per week, month or quarter: the frequency terms read it
        spans.append(m.span())
    return sorted(spans)


def frequency_doubt(view: LetterView, registration: Registration) -> str | None:
    """Why the frequency was left empty: the letter states a rhythm the contract has no value for."""
    if registration.frequency is not None:
        return None
    text = _section_text(view)
    spans = rhythms_outside_contract(text)
    if not spans:
        return None
    start, end = spans[0]
    said = text[start:end] if len(fold(text)) == len(text) else fold(text)[start:end]
    return f"Tần suất đăng ký «{said}» không thuộc các mức hằng tuần, hằng tháng, hằng quý hay khi có nhu cầu"


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
    reading = _from_text(view)
    if len(ticked) == 1:                 # one box ticked in a grid: that is the frequency
        return Registration(frequency=ticked.pop(), channels=reading.channels)
    return reading


def _from_text(view: LetterView) -> Registration:
    text = _section_text(view)
    if not text:
        return Registration()
    rhythms = rhythms_outside_contract(text)
    if rhythms:
        # "6 tháng một lần" holds "tháng một lần": the frequency terms read only what lies outside such rhythms
        # (fold keeps one character per character of a one-line text; otherwise the rhythms leave no frequency).
        if len(fold(text)) != len(text):
            return Registration(channels=_channels(get_nlp()(text)))
        for start, end in rhythms:
            text = text[:start] + " " * (end - start) + text[end:]
    doc = get_nlp()(text)
    frequencies = [s.label_.split(":")[1] for s in doc.spans["terms"] if s.label_.startswith("FREQ:")]
    key = fold(text)
    frequencies += [value for value, patterns in _CLAUSES.items() if any(p.search(key) for p in patterns)]
    # A fixed rhythm stated anywhere beats "when needed": "hằng tháng, và khi có nhu cầu đột xuất" is monthly.
    fixed = [f for f in frequencies if f != "ad_hoc"]
    frequency = fixed[0] if fixed else (frequencies[0] if frequencies else None)
    if rhythms and not fixed:
        frequency = None         # "6 tháng một lần hoặc khi có nhu cầu": no contract value says it; an officer does
    return Registration(frequency=frequency, channels=_channels(doc))


def _channels(doc) -> list[str]:  # noqa: ANN001 - a spaCy Doc
    channels: list[str] = []
    for span in doc.spans["terms"]:
        if span.label_.startswith("CHANNEL:"):
            name = _CHANNEL_NAMES[span.label_.split(":")[1]]
            if name not in channels:
                channels.append(name)
    return channels
