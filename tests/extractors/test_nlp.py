"""The spaCy pipeline: registered components, accent-insensitive terms, counts and ranges."""
from __future__ import annotations

from extractors.nlp import get_nlp, term_values


def test_pipeline_components():
    assert get_nlp().pipe_names == ["replyflow_fold", "replyflow_terms", "replyflow_counts"]
    assert get_nlp().lang == "vi"


def test_terms_match_without_accents_and_in_capitals():
    assert term_values("tốt nghiệp CAO ĐẲNG", "QUAL") == ["college"]
    assert term_values("trinh do dai hoc", "QUAL") == ["university"]
    assert term_values("Trung cấp nghề", "QUAL") == ["intermediate_vocational"]   # longest match only
    assert term_values("đăng ký hằng tháng trên Cổng thông tin heza", "FREQ") == ["monthly"]
    assert term_values("every month on the heza portal", "FREQ") == ["monthly"]


def test_counts_and_ranges_are_tokenised_and_parsed():
    doc = get_nlp()("tuyển 1.200 LĐPT, 23-27 thợ hàn và 10 đến 20 kỹ sư.")
    values = [(s.text, s._.quantity.low, s._.quantity.high) for s in doc.spans["counts"]]
    assert values == [("1.200", 1200, None), ("23-27", 23, 27), ("10 đến 20", 10, 20)]
