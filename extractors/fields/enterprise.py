"""Who wrote: the enterprise's name, tax code, zone and contact person."""
from __future__ import annotations

import re

from extractors import vocab
from extractors.fields.layout import LetterView, header_texts
from extractors.fields.zones import address_zone, find_zones
from extractors.text.normalize import fold, one_line, strip_accents
from extractors.text.taxcode import normalise as normalise_tax
from schemas import Enterprise

# The national motto of the letterhead's right column, matched on folded text so that OCR readings that lost
# their accents ("Doc lap - Tu do - Hanh phuc") are removed too; also when a line holds only part of it.
_WORDS = vocab.load("letterhead")          # extractors/vocab/letterhead.toml
_MOTTO_FOLDED = re.compile("|".join(_WORDS["motto_patterns"]))


def _without_motto(text: str) -> str:
    """The line with the motto's words cut out (positions of the folded text match the NFC text's)."""
    text = one_line(text)
    key = fold(text)
    if len(key) != len(text):
        return text
    for m in reversed(list(_MOTTO_FOLDED.finditer(key))):
        if m.group(0).strip():
            text = text[:m.start()] + " " + text[m.end():]
    return text


_MOTTO_SEQUENCES = [phrase.split() for phrase in _WORDS["motto_words"]]


def _motto_run(key: str, going_on: tuple[int, int] | None) -> tuple[int, int] | None | bool:
    """Whether a letterhead line (folded) holds only a run of the motto's words: where the motto stands after it
    (sequence, next word; None at its end), or False when the line is no part of the motto. A word or two from
    its middle are the motto's only where they go on a line cut before them ("NAM" under "CHỦ NGHĨA VIỆT"): a
    name may end with "VIỆT NAM" on a line of its own."""
    words = re.findall(r"[a-z]+", key)
    if not words:
        return False
    for s, seq in enumerate(_MOTTO_SEQUENCES):
        for start in range(len(seq) - len(words) + 1):
            if seq[start:start + len(words)] != words:
                continue
            if len(words) >= 3 or (start == 0 and len(words) == 2) or going_on == (s, start):
                end = start + len(words)
                return (s, end) if end < len(seq) else None
    return False
_COMPANY_START = re.compile("^(" + "|".join(_WORDS["company_start_patterns"]) + ")", re.I)
# "Công ty TNHH Linh kiện ABC nhận được Công văn ...": the name ends before punctuation or a word that starts the
# sentence's verb or the address.
_NAME_IN_BODY = re.compile(
    r"((?:(?:" + "|".join(_WORDS["branch_in_body_patterns"]) + r")\s+)?(?:" + "|".join(_WORDS["company_kind_patterns"])
    + r")\s+(?:" + "|".join(_WORDS["legal_form_patterns"]) + r")[^,;:()\n]{2,80}?)"
    r"(?=\s*(?:\(|,|;|:|\.|$|\s(?:" + "|".join(_WORDS["after_name_in_body_patterns"]) + r")\b))")
_AFTER_NAME_START = re.compile(r"(?i:" + "|".join(_WORDS["after_name_in_body_patterns"]) + r")\b")
# "Chi nhánh Công ty ... tại Hải Phòng": a branch's name goes on with the place it is in.
_BRANCH_PLACE = re.compile(r"\s+(?:tại|TẠI|Tại)\s+((?:[^\W\d_][\w-]*\s?){1,4})")
_TAX_LABEL = re.compile("(" + "|".join(_WORDS["tax_label_patterns"]) + r")\s*[:.]?\s*", re.I)
_PHONE_LABEL = re.compile("(" + "|".join(_WORDS["phone_label_patterns"]) + r")\s*[:.]?\s*", re.I)
_ADDRESS = re.compile("|".join(_WORDS["address_patterns"]))
_BRANCH = re.compile(r"^(?:" + "|".join(_WORDS["branch_patterns"]) + r")\b")
_BOILERPLATE = sorted(vocab.words(_WORDS["name_boilerplate"]), key=len, reverse=True)
_BOILERPLATE_WORDS = {w for phrase in _BOILERPLATE for w in fold(phrase).split()}
_VI_COMPANY = re.compile(r"^(?:" + "|".join(_WORDS["vietnamese_company_patterns"]) + r")\b")
# A line that is a field of its own ("MST: ...", "Điện thoại 0220 ...", "Địa chỉ: ...") holds no part of a name.
_FIELD_LABEL = re.compile(r"^(?:" + "|".join([*_WORDS["tax_label_patterns"], *_WORDS["phone_label_patterns"]])
                          + r")(?=[\s:.]|\d|$)", re.I)
_LABEL_SHAPE = re.compile(r"^[^:\d]{1,30}:")
# The label of a row of a table that gives one of the enterprise's fields.
_IDENTITY_LABEL = re.compile(r"^(?:" + "|".join([*_WORDS["name_label_patterns"], *_WORDS["tax_label_patterns"],
                                                  *_WORDS["phone_label_patterns"], *_WORDS["contact_label_patterns"],
                                                  *_WORDS["field_label_patterns"]]) + r")(?=[\s:.(/]|$)", re.I)
# The label of the next field at the end of a name read across it ("... Minh Châu Mã số thuế"), before its colon.
_TRAILING_LABEL = re.compile(r"\s(?:" + "|".join([*_WORDS["tax_label_patterns"], *_WORDS["phone_label_patterns"],
                                                     *_WORDS["contact_label_patterns"], *_WORDS["field_label_patterns"]])
                             + r")\s*$", re.I)
_PHONE = re.compile(r"(?:\+?84|0)(?:[\s.\-]?\d){8,10}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CONTACT_LABEL = re.compile("(" + "|".join(_WORDS["contact_label_patterns"]) + r")\s*[:.]?", re.I)
_HONORIFIC = re.compile(r"(?<!\w)(?i:" + "|".join(_WORDS["honorific_patterns"]) + r")\s+((?:[A-ZĐÀ-Ỹ][\wà-ỹđ]*(?:-[\wà-ỹđ]+)*\s?){2,5})")
_NOT_NAME_PREFIXES = tuple(_WORDS["not_name_prefixes"])     # as written: "so " must not match "son"
_AFTER_NAME = {w.lower() for w in _WORDS["after_name"]}
_AFTER_NAME_FOLDED = set(vocab.words(_WORDS["after_name"]))


def _ends_person(word: str) -> bool:
    lower = word.lower()
    return lower in _AFTER_NAME or (lower == fold(word) and lower in _AFTER_NAME_FOLDED)


def read_enterprise(view: LetterView) -> tuple[Enterprise, list[tuple[str, str]]]:
    """The enterprise, and the doubts about who wrote: (field, Vietnamese message) for each value that was read
    but is not certain (two names, two tax codes, a name found only in a sentence, a tax code that cannot be read).
    A doubt is flagged for an officer, never settled by a guess."""
    # a form's rows ("Mã số thuế | 0200 555 129", "Địa chỉ | Lô B2, KCN Đình Vũ") read as labelled lines
    form_rows = _form_rows(view)
    body_text = "\n".join([*(ln.text for ln in view.body if not ln.is_table), *form_rows])
    margin_text = "\n".join(ln.text for ln in view.margins)
    all_text = "\n".join([*(ln.text for ln in view.lines if not ln.is_table), *header_texts(view), margin_text,
                          *form_rows])
    # The writer's own code first: the letterhead, a form's rows, the page margins, then the body's sentences (which
    # may cite another company's code: "công ty con của Tổng công ty X (mã số thuế ...)").
    tax_text = "\n".join([*header_texts(view), *form_rows, margin_text,
                          *(ln.text for ln in view.body if not ln.is_table)])
    name, name_doubt = _name(view, body_text)
    tax_code, tax_doubt = _tax_code(tax_text)
    zone, zone_doubt = _zone(view, form_rows)
    enterprise = Enterprise(
        name=name,
        tax_code=tax_code,
        zone=zone,
        **_contact(view, all_text, form_rows),
    )
    doubts = [(f, d) for f, d in (("enterprise.name", name_doubt), ("enterprise.tax_code", tax_doubt),
                                  ("enterprise.zone", zone_doubt)) if d]
    return enterprise, doubts


def _zone(view: LetterView, form_rows: list[str]) -> tuple[str | None, str | None]:
    """The zone the enterprise is in, and why it is uncertain (or None).

    Where the letter gives its own address comes first: the letterhead, a form's rows, the frame of the body (the
    introduction, the closing, the contact lines), the page margins. A zone named only inside the answers (a
    job fair "tại KCN DEEP C" proposed, a new factory) may be another place than the writer's: it is read but
    flagged (the answers are the parts under a heading; a paragraph placed by its content alone is frame). Two
    different industrial parks where the address is given are a doubt too; an economic zone (KKT) and a park in
    it are one address, the park's."""
    parts = view.structure.parts if view.structure is not None else []
    in_answers = {ln.block.index for p in parts if p.evidence in ("words", "number") for u in p.units
                  for ln in u.lines if not ln.is_table}
    frame = [ln.text for ln in view.body if not ln.is_table and ln.block.index not in in_answers]
    answers = [ln.text for ln in view.body if not ln.is_table and ln.block.index in in_answers]
    levels = (header_texts(view), form_rows, frame, [ln.text for ln in view.margins], answers)
    for level, texts in enumerate(levels):
        text = "\n".join(texts)
        zone = address_zone(text)
        if zone is None:
            continue
        parks = list(dict.fromkeys(name for name, _ in find_zones(text) if name.startswith("KCN")))
        others = [p for p in parks if p != zone]
        if level == len(levels) - 1:
            return zone, (f"«{zone}» chỉ được nêu trong nội dung trả lời, không ở địa chỉ của doanh nghiệp; "
                          f"chưa chắc là nơi doanh nghiệp hoạt động.")
        if others and zone.startswith("KCN"):
            return zone, f"Công văn nêu hai khu công nghiệp ({zone}, {others[0]}); chưa rõ doanh nghiệp ở khu nào."
        return zone, None
    return None, None


def letterhead_name(view: LetterView) -> str | None:
    """The company name of the letterhead, its lines joined, the national motto removed.

    The name starts at a line that starts like a company ("CÔNG TY", "CHI NHÁNH", "... CO., LTD") and ends where a
    line holds something else: the letter's number, subject or date, an address, a labelled field (MST, phone),
    or, under a name typed in capitals, a line of ordinary case. Of two company names, the Vietnamese one and
    the lower one (the writer under its parent) is taken. A branch line under its parent's name ("CHI NHÁNH HẢI
    PHÒNG") is kept after a dash: the branch is who writes."""
    parts: list[str] = []
    motto_at = None             # the motto's line wrapped before its end: "CỘNG HÒA ... VIỆT" over "NAM"
    for text in header_texts(view):
        run = _motto_run(fold(one_line(text)), motto_at)
        if run is not False:
            motto_at = run
            continue
        motto_at = None
        text = _without_motto(text).strip(" -")
        if not text:
            continue
        key = fold(text)
        if key.startswith(_NOT_NAME_PREFIXES) or re.match(r"^s[ốo]\s*:", text, re.I) \
                or re.match(r"^[\w ]{2,25}, ngay", key):
            if parts:
                break
            continue
        if not parts and not _COMPANY_START.match(text):
            continue
        if parts and _COMPANY_START.match(text) and not _BRANCH.match(key):
            # A second company name: the Vietnamese one under a foreign-language one, or the writer under its
            # parent ("TỔNG CÔNG TY X" over "CÔNG TY CỔ PHẦN Y") is who writes; a translation under it is not.
            if _VI_COMPANY.match(key):
                parts = [text]
                continue
            break
        if parts and _holds_other_than_name(text, key):
            break
        if parts and not (text.isupper() or (text[:1].isupper() and len(text.split()) <= 6)):
            break          # the name ends where a line of ordinary text begins
        if parts and all(p.isupper() for p in parts) and not text.isupper():
            break          # under a name in capitals, a line in ordinary case is its address or a slogan
        parts.append(text)
        if len(parts) >= 4:
            break
    branch_at = next((i for i, p in enumerate(parts) if i and _BRANCH.match(fold(p))), None)
    if branch_at is not None and not _BRANCH.match(fold(parts[0])):
        parts = [" ".join(parts[:branch_at]), "-", *parts[branch_at:]]
    name = one_line(" ".join(parts))
    return name or None


def _holds_other_than_name(text: str, key: str) -> bool:
    """A letterhead line that is an address or a field of its own (MST, phone, e-mail, "Label: value")."""
    return bool(_ADDRESS.search(key) or _FIELD_LABEL.match(text) or _LABEL_SHAPE.match(text) or _EMAIL.search(text))


def _name(view: LetterView, body_text: str) -> tuple[str | None, str | None]:
    """The name, and why it is uncertain (or None)."""
    head = letterhead_name(view)
    flat, starts = _flat(body_text)
    if head:
        # Prefer the body's spelling (proper case) of the letterhead's upper-case name.
        pos = flat.lower().find(head.lower())
        if pos >= 0:
            return flat[pos:pos + len(head)], None
    found = _mentions(flat, starts)
    mentions = [m for m, _ in found]
    if head:
        # The same name with other spacing: a scan drops or adds a space between capitals ("JIAHETECH").
        # Or a stray mark between them ("CHẤTNAM_"): letters and digits alone are compared.
        same = [m for m in mentions if _letters(m) == _letters(head)]
        if same:
            return same[0], None
        best = max(mentions, key=lambda m: _overlap(fold(m), fold(head)), default=None)
        if best and _overlap(fold(best), fold(head)) >= 0.8:
            return best, None
        # A letterhead polluted by its neighbour column still contains every word of the body's mention; a
        # branch's letterhead contains its parent's name, which is not who writes.
        branch = " - " in head or _BRANCH.match(fold(head)) is not None
        covered = [m for m in mentions if len(m.split()) >= 4 and _covered(fold(m), fold(head))
                   and (not branch or _BRANCH.match(fold(m)))]
        if covered:
            return max(covered, key=len), None
        name = _sentence_case(head)
        if best and _overlap(_distinctive(best), _distinctive(head)) < 0.5:
            return name, f"Tiêu đề công văn ghi «{name}», nội dung ghi «{best}»; chưa rõ doanh nghiệp nào gửi."
        return name, None
    if not mentions:
        return None, None
    # The most frequent mention; among equals the first (dict keeps order: a set's order would follow
    # Python's hash seed and change the name from one run to the next).
    name = max(dict.fromkeys(mentions), key=mentions.count)
    others = [m for m in dict.fromkeys(mentions) if _overlap(_distinctive(m), _distinctive(name)) < 0.5]
    if others:
        return name, f"Công văn nêu nhiều doanh nghiệp («{name}», «{others[0]}»); chưa rõ doanh nghiệp nào gửi."
    if not any(labelled for m, labelled in found if m == name) and not _letterhead_echoes(view, name):
        return name, (f"Tên doanh nghiệp «{name}» chỉ đọc được trong câu văn (công văn không có tiêu đề doanh "
                      f"nghiệp); đề nghị kiểm tra.")
    return name, None


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(text))


def _letterhead_echoes(view: LetterView, name: str) -> bool:
    """Whether the letterhead, which names no company in a form we read, carries the distinctive word of the
    name the body gives: a brand or an English name over the letter ("TANLONG PRECISION" for "Công ty TNHH Cơ
    khí Chính xác Tân Long", "SUNRISE ELECTRONICS VIETNAM / CO., LTD" for "Công ty TNHH Điện tử Sunrise Việt
    Nam"). Then the body's name is the writer's, not a guess."""
    distinctive = _distinctive(name).split()
    joined = "".join(distinctive)
    for text in header_texts(view):
        key = fold(_without_motto(text))
        if not key or key.startswith(_NOT_NAME_PREFIXES) or re.search(r"\d", key):
            continue
        words = [w for w in re.findall(r"[a-z]+", key) if len(w) >= 4 and w not in _BOILERPLATE_WORDS]
        if any(w in distinctive or (len(w) >= 6 and w in joined) for w in words):
            return True
    return False


def _flat(text: str) -> tuple[str, list[int]]:
    """The text on one line, and where each of its lines starts in it."""
    flat, starts = "", []
    for piece in text.split("\n"):
        piece = one_line(piece)
        if not piece:
            continue
        if flat:
            flat += " "
        starts.append(len(flat))
        flat += piece
    return flat, starts


def _mentions(flat: str, starts: list[int]) -> list[tuple[str, bool]]:
    """Company names in the body's running text, each with whether it is the value of a labelled field
    ("Tên doanh nghiệp: Công ty TNHH X"). A name never takes the label of the next field: "Công ty TNHH X" over
    "Mã số thuế: ..." ends at its line; nor the next sentence: a line that starts with a word that follows names
    ("Được biết ...", "Xin ...") starts after it."""
    out = []
    for m in _NAME_IN_BODY.finditer(flat):
        begin, end = m.start(1), m.end(1)
        end = next((s for s in starts if begin < s < end and _AFTER_NAME_START.match(flat, s)), end)
        if flat[end:].lstrip().startswith(":"):
            inside = [s for s in starts if begin < s < end]
            if inside:
                end = inside[-1]
            else:
                label = _TRAILING_LABEL.search(flat[begin:end])
                end = begin + label.start() if label else end
        name = flat[begin:end].strip()
        if _BRANCH.match(fold(name)):
            place = _BRANCH_PLACE.match(flat, begin + len(name))
            if place:
                words = []
                for w in place.group(1).split():
                    if not w[:1].isupper():
                        break
                    words.append(w)
                if words:
                    name = flat[begin:place.start(1)].strip() + " " + " ".join(words)
        line_start = max((s for s in starts if s <= begin), default=0)
        labelled = bool(re.fullmatch(r"[^:\d]{1,40}:\s*", flat[line_start:begin]))
        if len(name.split()) >= 3:
            out.append((one_line(name), labelled))
    return out


def _distinctive(name: str) -> str:
    """The words that tell one company from another: the name folded, its kind and legal form left out."""
    key = f" {fold(name)} "
    for phrase in _BOILERPLATE:
        key = key.replace(f" {phrase} ", " ")
    return " ".join(key.split())


def _overlap(a: str, b: str) -> float:
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0.0
    common = sum(1 for w in wa if w in wb)
    return common / max(len(wa), len(wb))


def _covered(mention: str, head: str) -> bool:
    words = head.split()
    return all(w in words for w in mention.split())


# A Vietnamese syllable: an initial consonant, a vowel group, a final consonant. A short upper-case word of
# another shape is an acronym and keeps its capitals ("ABC", "HP", "TNHH"); "BAO", "TY", "BÌ" are words.
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?")
_KEEP_UPPER = {"TNHH", "MTV", "CP", "JSC", "KCN", "KKT"}


def _is_acronym(word: str) -> bool:
    bare = strip_accents(word.lower())
    return word in _KEEP_UPPER or (len(word) <= 4 and word.isupper() and not _SYLLABLE.fullmatch(bare))


def _sentence_case(upper: str) -> str:
    words = upper.split()
    out = []
    for i, w in enumerate(words):
        if _is_acronym(w):
            out.append(w)
        elif i and w.lower() in ("ty", "tại"):
            out.append(w.lower())          # "Công ty", "Chi nhánh ... tại Hải Dương"
        else:
            out.append(w.capitalize() if i == 0 or i >= 2 else w.lower())
    return " ".join(out)


def _tax_code(text: str) -> tuple[str | None, str | None]:
    """The tax code after its label, and why it is uncertain (or None). A branch's code ("-001") is preferred
    over its parent's code written beside it; two different codes, or a label whose code cannot be read, are
    doubts."""
    codes: list[str] = []
    unreadable = None
    for m in _TAX_LABEL.finditer(text):
        tail = text[m.end():m.end() + 40]
        code = normalise_tax(tail)
        if code and re.sub(r"\D", "", tail).startswith(code.replace("-", "")[:10]):
            codes.append(code)
        elif unreadable is None and re.match(r"[\d .\-]{6,}", tail) and m.group(0)[-1:] in ": ":
            unreadable = one_line(tail.split("\n")[0])[:30]
    if not codes:
        if unreadable:
            return None, f"Mã số thuế ghi «{unreadable}» không đúng dạng 10 chữ số; đề nghị kiểm tra."
        return None, None
    mains = list(dict.fromkeys(c[:10] for c in codes))
    first = codes[0]
    own = next((c for c in codes if c[:10] == first[:10] and "-" in c), first)
    if len(mains) > 1:
        return own, f"Công văn ghi hai mã số thuế khác nhau ({mains[0]}, {mains[1]}); chưa rõ mã nào của doanh nghiệp."
    return own, None


def _form_rows(view: LetterView) -> list[str]:
    """The rows of the tables read as forms (question | answer), and the rows of any table in the body that give
    one of the enterprise's fields ("Tên doanh nghiệp | Công ty TNHH X", "Mã số thuế | 0 | 2 | 0 | 1 ..." in boxes
    of one digit each), each as "label: value"."""
    forms = view.structure.forms if view.structure else []
    rows = [": ".join(" ".join(c.text.split()) for c in row if c.origin and c.text.strip()) for t in forms
            for row in t.rows]
    seen = {id(t) for t in forms}
    for ln in view.body:
        if not ln.is_table or id(ln.block) in seen:
            continue
        for row in ln.block.rows:
            cells = [" ".join(c.text.split()) for c in row if c.origin and c.text.strip()]
            if cells and re.fullmatch(r"\(?(?:\d{1,2}|[IVXivx]{1,4}|[a-z])[.)]?", cells[0]):
                cells = cells[1:]                       # the row's number
            if len(cells) >= 2 and len(cells[0]) <= 40 and _IDENTITY_LABEL.match(cells[0]):
                rows.append(f"{cells[0].rstrip(' :')}: {' '.join(cells[1:])}")
    return rows


def _contact(view: LetterView, all_text: str, form_rows: list[str] = ()) -> dict:
    """The contact person: the first line that introduces one (a label, or "xin liên hệ chị ..." in the closing
    sentence), in the closing, the body or the page margins, read with the two lines that follow it in the
    document (a PDF breaks "ĐT:" from its number; the signature column may stand between them)."""
    block, label_end = "", 0
    for row in form_rows:                       # a form's row "Người cung cấp thông tin | Lê Thị Hồng, ĐT ..."
        m = _CONTACT_LABEL.search(row)
        if m:
            block, label_end = row, m.end()
            break
    for ln in [*view.closing, *view.body, *view.margins] if not block else []:
        m = _CONTACT_LABEL.search(ln.text)
        if m and not ln.is_table:
            block, label_end = " ".join([ln.text, *_following(view, ln, 2)]), m.end()
            break
    name = phone = email = None
    if block:
        m = _HONORIFIC.search(block)
        if m:
            name = _clean_person(m.group(1))
        else:
            # "Người liên hệ: Phạm Ngọc Ánh": the name right after the label, without an honorific.
            name = _clean_person(block[label_end:].lstrip(" :.-–—\t")[:60])
        phone = _phone(block)
        em = _EMAIL.search(block)
        email = em.group(0).rstrip(".") if em else None
    if email is None:
        em = _EMAIL.search(all_text)
        email = em.group(0).rstrip(".") if em else None
    return {"contact_name": name, "contact_phone": phone, "contact_email": email}


def _following(view: LetterView, line, count: int) -> list[str]:
    """The texts of the `count` lines after `line` in the document (or in the page margins)."""
    for seq in (view.lines, view.margins):
        at = next((i for i, ln in enumerate(seq) if ln is line), None)
        if at is None:
            at = next((i for i, ln in enumerate(seq) if ln.text == line.text), None)
        if at is not None:
            return [ln.text for ln in seq[at + 1:at + 1 + count] if not ln.is_table]
    return []


def _clean_person(text: str) -> str | None:
    """A person's name: two to five capitalised words, ending before a job title, a label or punctuation."""
    words = []
    for w in text.split():
        bare = w.strip(",;:-.")
        # a romanised given name keeps its hyphen ("Lee Ji-eun", "Park Min-Jun")
        if not bare or not bare[:1].isupper() or not bare.replace("-", "").isalpha() or _ends_person(bare):
            break
        words.append(bare)
        if (bare != w and not (len(bare) == 1 and w == bare + ".")) or len(words) == 5:
            break          # punctuation ends the name ("Nguyễn Văn A." keeps its initial)
    return " ".join(words) if len(words) >= 2 else None


def _phone(text: str) -> str | None:
    """The first phone number after a phone label (else anywhere), digits only, "+84" written as the "0" it
    stands for. A number must start near its label but may end beyond that window (the window once cut
    "0948 123 987" to nine digits); a label whose value is no phone ("hotline 1900 6868") passes to the next."""
    for m in _PHONE_LABEL.finditer(text):
        pm = _PHONE.search(text, m.end())
        if pm and pm.start() <= m.end() + 30:
            return _phone_digits(pm.group(0))
    pm = _PHONE.search(text)
    return _phone_digits(pm.group(0)) if pm else None


def _phone_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if number.lstrip().startswith(("+84", "84")) else digits
