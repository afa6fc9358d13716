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


def extract_registration(view: LetterView) -> Registration:
    text = one_line(" ".join(ln.text for ln in view.section_lines(REGISTRATION) if not ln.is_table))
    if not text:
        return Registration()
    doc = get_nlp()(text)
    frequencies = [s.label_.split(":")[1] for s in doc.spans["terms"] if s.label_.startswith("FREQ:")]
    key = fold(text)
    frequencies += [value for value, patterns in _CLAUSES.items() if any(p.search(key) for p in patterns)]
    channels: list[str] = []
    for span in doc.spans["terms"]:
        if span.label_.startswith("CHANNEL:"):
            name = _CHANNEL_NAMES[span.label_.split(":")[1]]
            if name not in channels:
                channels.append(name)
    # A fixed rhythm stated anywhere beats "when needed": "hằng tháng, và khi có nhu cầu đột xuất" is monthly.
    fixed = [f for f in frequencies if f != "ad_hoc"]
    frequency = fixed[0] if fixed else (frequencies[0] if frequencies else None)
    return Registration(frequency=frequency, channels=channels)
