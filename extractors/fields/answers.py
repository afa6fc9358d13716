"""Points 2, 3 and 5: criteria, cooperation offers and proposals, one item per stated line or clause.

Items keep the letter's own words; a category comes from the lexicon (the terms of extractors/vocab/criteria.toml
and offers.toml; first matching group in the item wins, by position; ties broken by the group order below).
"""
from __future__ import annotations

from extractors import vocab
from extractors.fields.items import Item, split_items, split_mixed
from extractors.fields.layout import COOPERATION, CRITERIA, PROPOSALS, LetterView, split_bilingual
from extractors.nlp import get_nlp
from extractors.text.normalize import fold
from schemas import CooperationKind, CooperationOffer, Criterion, CriterionCategory, Provenance

# When an item names several kinds: the unmistakable ones win (language, age, health: "ưu tiên có chứng chỉ
# TOEIC" is language), then the kind named first, since a Vietnamese phrase puts its head first ("Sử dụng
# thành thạo ...", "Có chứng chỉ nghề ..."). Generic words ("trình độ") count only when nothing else matches.
_CRITERIA_STRONG = (CriterionCategory.language, CriterionCategory.age, CriterionCategory.health,
                    CriterionCategory.certification)
# Training to order and a hiring commitment are one tier: the one named first is the offer's head ("nhận đặt
# hàng đào tạo, cam kết tuyển dụng học viên" is training to order; "cam kết tuyển dụng học viên khoá đặt hàng" a
# commitment).
_COOP_STRONG = ((CooperationKind.recruitment_commitment, CooperationKind.order_based_training),
                CooperationKind.scholarship)
_WORDS = vocab.load("answers")          # extractors/vocab/answers.toml
_WEAK_WORDS = set(vocab.words(_WORDS["weak_terms"]))
_LEAD_INS = vocab.words(_WORDS["lead_ins"])


def _classify(text: str, group: str, strong: tuple) -> str:
    doc = get_nlp()(text)
    found = [(s.start, s.label_.split(":", 1)[1], s.text) for s in doc.spans["terms"]
             if s.label_.startswith(group + ":")]
    for tier in strong:
        tier = tier if isinstance(tier, tuple) else (tier,)
        named = [(start, v) for start, v, _ in found if v in tier]
        if named:
            return min(named)[1]
    specific = [(start, v) for start, v, words in found if fold(words) not in _WEAK_WORDS]
    if specific:
        return min(specific)[1]
    return min(found)[1] if found else "other"


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
    found = split_mixed(found, lambda text: _classify(text, group, strong))
    for item in found:
        kind = _classify(f"{item.hint}: {item.text}" if item.hint else item.text, group, strong)
        line = item.line
        yield item.text, kind, Provenance(page=line.block.page, block=line.block.index, snippet=item.text[:300])


def extract_criteria(view: LetterView) -> list[Criterion]:
    return [Criterion(category=kind, text=text, provenance=prov)
            for text, kind, prov in _classified(view, CRITERIA, "CRIT", _CRITERIA_STRONG)]


def extract_cooperation(view: LetterView) -> list[CooperationOffer]:
    return [CooperationOffer(kind=kind, text=text, provenance=prov)
            for text, kind, prov in _classified(view, COOPERATION, "COOP", _COOP_STRONG)]


def extract_proposals(view: LetterView) -> list[str]:
    return [split_bilingual(item.text) for item in split_items(view.section_lines(PROPOSALS))]
