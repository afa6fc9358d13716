"""Points 2, 3 and 5: criteria, cooperation offers and proposals, one item per stated line or clause.

Items keep the letter's own words; a category comes from what the item names, head first, with how sure that is
(extractors/fields/kinds.py; the strong tiers below).
"""
from __future__ import annotations

import re

from extractors import vocab
from extractors.fields.items import Item, split_items, split_mixed
from extractors.fields.kinds import CERTAIN, GENERIC, RESOLVED, Kind, classify, names_a_kind
from extractors.fields.layout import COOPERATION, CRITERIA, PROPOSALS, LetterView, split_bilingual
from extractors.fields.sharing import proposes
from extractors.text.normalize import fold
from schemas import CooperationKind, CooperationOffer, Criterion, CriterionCategory, Provenance

# When an item names several kinds: the unmistakable ones win (language, age, health: "ưu tiên có chứng chỉ
# TOEIC" is language), then the kind named first, since a Vietnamese phrase puts its head first ("Sử dụng
# thành thạo ...", "Có chứng chỉ nghề ..."). Generic words ("trình độ") count only when nothing else matches.
# Health and a certificate are one tier: the one named first is the head ("chứng chỉ huấn luyện an toàn làm việc
# trên cao" is a certificate; a certificate of health is a health phrase of its own, criteria.toml).
_CRITERIA_STRONG = (CriterionCategory.language, CriterionCategory.age,
                    (CriterionCategory.health, CriterionCategory.certification))
# Training to order and a hiring commitment are one tier: the one named first is the offer's head ("nhận đặt
# hàng đào tạo, cam kết tuyển dụng học viên" is training to order; "cam kết tuyển dụng học viên khoá đặt hàng" a
# commitment).
_COOP_STRONG = ((CooperationKind.recruitment_commitment, CooperationKind.order_based_training),
                CooperationKind.scholarship)
_WORDS = vocab.load("answers")          # extractors/vocab/answers.toml
_LEAD_INS = vocab.words(_WORDS["lead_ins"])
_NONE_NEGATIONS = set(vocab.words(_WORDS["none_negations"]))
_NONE_WORDS = set(" ".join(vocab.words(_WORDS["none_words"])).split()) | _NONE_NEGATIONS
_THANKS = re.compile(r"\b(?:" + vocab.either(_WORDS["thanks"]) + r")\b")


def _says_none(text: str) -> bool:
    """An answer that says there is nothing: a negation and words of saying so only ("Không có yêu cầu gì")."""
    words = re.findall(r"[\w/]+", fold(text))
    return bool(words) and any(w in _NONE_NEGATIONS for w in words) and all(w in _NONE_WORDS for w in words)


def _labelled_none(text: str) -> bool:
    """A labelled answer that says there is nothing: "Về kinh nghiệm: không bắt buộc", "Học bổng: chưa có"."""
    head, colon, tail = text.partition(":")
    return bool(colon) and len(head.split()) <= 5 and _says_none(tail)


def _kind(item: Item, group: str, strong: tuple) -> Kind:
    """An item's kind. A table row's label that names one kind is the letter's own word for it ("Sức khỏe | Đủ
    điều kiện làm ca đêm" is health); a label that names none (a position: "Thợ hàn | ...") or only generically
    ("Trình độ") helps the item's words."""
    if item.hint:
        label = classify(item.hint, group, strong)
        if label.named and label.confidence == CERTAIN:
            said = classify(item.text, group, strong)
            agree = not said.named or said.confidence == GENERIC or said.value == label.value
            return Kind(label.value, CERTAIN if agree else RESOLVED)
        kind = classify(f"{item.hint}: {item.text}", group, strong)
    else:
        kind = classify(item.text, group, strong)
    return kind


def _strip_lead_in(text: str) -> str:
    key = fold(text)
    for lead in _LEAD_INS:
        if key.startswith(lead + " "):
            rest = text[len(lead) + 1:].strip()
            return rest[:1].upper() + rest[1:]
    return text


def _classified(view: LetterView, section: str, group: str, strong: tuple[str, ...]):
    """(text, kind, provenance) of each item of a section, in the letter's own words.

    Items come from every list convention (extractors/fields/items.py); one that states things of two kinds is
    cut in two; a table row's kind ("Sức khỏe | Không mắc bệnh tim") helps classify what the row says."""
    found = split_items(view.section_lines(section), criteria_columns=section == CRITERIA)
    found = [Item(_strip_lead_in(split_bilingual(i.text)), i.line, i.hint) for i in found]
    found = [i for i in found if not _says_none(i.text) and not _labelled_none(i.text)]
    found = split_mixed(found, lambda text: names_a_kind(text, group, strong))
    for item in found:
        kind = _kind(item, group, strong)
        line = item.line
        yield item.text, kind, Provenance(page=line.block.page, block=line.block.index, snippet=item.text[:300])


def extract_criteria(view: LetterView) -> tuple[list[Criterion], list[str | None]]:
    """The criteria, and for each why its category is in doubt (None when it is not)."""
    found = list(_classified(view, CRITERIA, "CRIT", _CRITERIA_STRONG))
    return ([Criterion(category=kind.value, text=text, confidence=kind.confidence, provenance=prov)
             for text, kind, prov in found], [kind.doubt for _, kind, _ in found])


def extract_cooperation(view: LetterView) -> tuple[list[CooperationOffer], list[str | None]]:
    """The offers, and for each why its kind is in doubt (None when it is not)."""
    found = list(_classified(view, COOPERATION, "COOP", _COOP_STRONG))
    return ([CooperationOffer(kind=kind.value, text=text, confidence=kind.confidence, provenance=prov)
             for text, kind, prov in found], [kind.doubt for _, kind, _ in found])


def extract_proposals(view: LetterView) -> list[str]:
    items = [split_bilingual(item.text) for item in split_items(view.section_lines(PROPOSALS))]
    # "Không có ý kiến." proposes nothing; nor does a sentence of thanks or the closing formula
    return [text for text in items if not _says_none(text) and (proposes(text) or not _THANKS.search(fold(text)))]
