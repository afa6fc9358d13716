"""Cross-checks that turn doubts into flags. Every value is right or visibly flagged for review.

Each check is a small function of the reading; `run_checks` calls them all. Messages are Vietnamese for the
officers, codes are stable identifiers of the flag catalogue (schemas/flags.py). Whether the document is a reply
at all is decided before these, in reply.py.
"""
from __future__ import annotations

from collections import defaultdict

from extractors import vocab
from extractors.fields import FieldsReading, accounting
from extractors.fields.zones import canonical_zone
from extractors.text.normalize import fold
from extractors.text.taxcode import is_valid as tax_code_valid
from schemas import Flag, FlagCode

LOW_CONFIDENCE = 0.6
IMPLAUSIBLE_QUANTITY = 5000      # one position in one year; larger counts exist but deserve a look


def run_checks(reading: FieldsReading, ocr_used: bool = False) -> list[Flag]:
    flags: list[Flag] = []
    for check in (_check_identity, _check_identity_doubts, _check_tax_code, _check_letter, _check_read_poorly,
                  _check_needs_found, _check_totals, _check_prose_vs_table, _check_quantities, _check_unparsed, _check_doubts,
                  _check_unaccounted, _check_confidence, _check_kinds, _check_frequency, _check_reply_doubt,
                  _check_structure):
        flags.extend(check(reading))
    if ocr_used:
        flags.extend(_check_zone_listed(reading))
    return flags


def _check_zone_listed(r: FieldsReading) -> list[Flag]:
    """On a scan, a zone that is not in the zone list is a misreading as likely as a zone unknown to us (a seal
    over "KCN An Dương" reads "KCN An Sao"): an officer checks it. Text letters keep an unlisted zone as written."""
    zone = r.enterprise.zone
    if zone and canonical_zone(zone) is None:
        return [Flag(field="enterprise.zone", code=FlagCode.low_confidence,
                     message=f"Khu công nghiệp «{zone}» đọc từ bản quét không có trong danh mục; "
                             f"đề nghị đối chiếu bản gốc.")]
    return []


def _check_identity(r: FieldsReading) -> list[Flag]:
    if not r.enterprise.name and not r.enterprise.tax_code:
        return [Flag(field="enterprise", code=FlagCode.missing_enterprise,
                     message="Không xác định được tên và mã số thuế của doanh nghiệp.")]
    return []


def _check_identity_doubts(r: FieldsReading) -> list[Flag]:
    """Who wrote, where the letter leaves it open (two names, two tax codes, a name only in a sentence); where it
    is, when the zone is read but not certain (two parks, a park named only in an answer)."""
    return [Flag(field=name, code=FlagCode.low_confidence if name == "enterprise.zone" else FlagCode.enterprise_unclear,
                 message=message) for name, message in r.identity_doubts]


def _check_tax_code(r: FieldsReading) -> list[Flag]:
    code = r.enterprise.tax_code
    if code and not tax_code_valid(code):
        return [Flag(field="enterprise.tax_code", code=FlagCode.invalid_tax_code,
                     message=f"Mã số thuế {code} sai chữ số kiểm tra; đề nghị kiểm tra lại.")]
    return []


def _check_letter(r: FieldsReading) -> list[Flag]:
    if r.letter.date is None and (r.needs.year_inferred or not r.needs.needs):
        return [Flag(field="letter.date", code=FlagCode.missing_letter_date,
                     message="Không đọc được ngày của công văn.")]
    return []


# The letter's own numbers an officer relies on to match and date a reply; each read from a poorly scanned line
# is flagged on its own field, so the review shows which one to check.
_READ_CHECKED = (("enterprise", "tax_code", "Mã số thuế"), ("letter", "date", "Ngày công văn"),
                 ("letter", "number", "Số công văn"))


def _check_read_poorly(r: FieldsReading) -> list[Flag]:
    flags = []
    for part, name, label in _READ_CHECKED:
        holder = getattr(r, part)
        prov = (holder.provenance or {}).get(name)
        if prov is not None and prov.confidence is not None and prov.confidence < LOW_CONFIDENCE:
            value = getattr(holder, name)
            flags.append(Flag(field=f"{part}.{name}", code=FlagCode.low_confidence,
                              message=f"{label} {value} đọc từ dòng quét kém rõ (độ tin cậy {prov.confidence:.2f}); "
                                      f"đề nghị đối chiếu bản gốc."))
    return flags


def _check_needs_found(r: FieldsReading) -> list[Flag]:
    if r.needs.needs or r.needs.declined:
        return []
    if r.needs.section_found:
        return [Flag(field="hiring_needs", code=FlagCode.needs_section_unread,
                     message="Có mục nhu cầu tuyển dụng nhưng không đọc được số liệu; đề nghị nhập tay.")]
    return [Flag(field="hiring_needs", code=FlagCode.needs_section_unread,
                 message="Không tìm thấy mục nhu cầu tuyển dụng trong công văn.")]


def _check_totals(r: FieldsReading) -> list[Flag]:
    """Every stated total against what it adds up: a total row against its column, a total column against its
    row, a group's subtotal against the group's rows (the reader knows those sums); a total stated in a
    sentence against the year's needs."""
    flags = []
    by_year: dict[int | None, int] = defaultdict(int)
    for need in r.needs.needs:
        by_year[need.year] += need.quantity
        by_year[None] += need.quantity
    for total in r.needs.stated_totals:
        expected = total.expected if total.expected is not None else by_year.get(total.year, 0)
        if total.quantity.low == expected or total.quantity.high == expected:
            continue
        year = f" năm {total.year}" if total.year else ""
        what = f" ({total.label})" if total.label and not total.year else ""
        if total.table is None and r.needs.from_tables:
            flags.append(Flag(field="hiring_needs", code=FlagCode.conflicting_values,
                              message=f"Đoạn văn ghi tổng{year} là {total.quantity.low}, bảng cộng được {expected}."))
        else:
            flags.append(Flag(field="hiring_needs", code=FlagCode.total_mismatch,
                              message=f"Tổng cộng{year}{what} ghi {total.quantity.low}, cộng các dòng được {expected}."))
    return flags


def _check_prose_vs_table(r: FieldsReading) -> list[Flag]:
    if not r.needs.from_tables:
        return []
    flags = []
    for prose in r.needs.prose_needs:
        pkey = fold(prose.position or "")
        for need in r.needs.needs:
            if need.year != prose.year or not pkey:
                continue
            nkey = fold(need.position or "")
            if nkey and (nkey == pkey or nkey in pkey or pkey in nkey):
                if need.quantity != prose.quantity or need.quantity_max != prose.quantity_max:
                    flags.append(Flag(field="hiring_needs", code=FlagCode.conflicting_values,
                                      message=f"{need.position} {need.year}: đoạn văn ghi {prose.quantity}, "
                                              f"bảng ghi {need.quantity}."))
                break
    return flags


def _check_quantities(r: FieldsReading) -> list[Flag]:
    flags = []
    for need in r.needs.needs:
        if max(need.quantity, need.quantity_max or 0) > IMPLAUSIBLE_QUANTITY:
            flags.append(Flag(field="hiring_needs", code=FlagCode.implausible_quantity,
                              message=f"Số lượng {need.quantity} ({need.position or 'không rõ vị trí'}, "
                                      f"{need.year}) lớn bất thường; đề nghị kiểm tra."))
    return flags


_INVALID_MESSAGES = {
    FlagCode.invalid_range: "Khoảng số lượng không hợp lệ (số sau nhỏ hơn số trước): «{}».",
    FlagCode.year_out_of_range: "Năm tuyển dụng nằm ngoài khoảng hợp lý: «{}».",
    FlagCode.implausible_quantity: "Số lượng quá lớn, không thể là nhu cầu tuyển dụng (không được lưu): «{}».",
}


def _check_unparsed(r: FieldsReading) -> list[Flag]:
    flags = [Flag(field="hiring_needs", code=code, message=_INVALID_MESSAGES[code].format(prov.snippet or ""))
             for code, prov in r.needs.invalid[:5]]
    for prov in r.needs.unparsed[:5]:
        flags.append(Flag(field="hiring_needs", code=FlagCode.unparsed_quantity,
                          message=f"Không đọc được số lượng trong bảng: «{prov.snippet or ''}»."))
    return flags


def _check_doubts(r: FieldsReading) -> list[Flag]:
    """Counts kept as written whose own letter contradicts them (digits and words that disagree)."""
    return [Flag(field="hiring_needs", code=FlagCode.conflicting_values, message=message + "; đề nghị kiểm tra.")
            for message, _ in r.needs.doubts[:5]]


def _check_unaccounted(r: FieldsReading) -> list[Flag]:
    """The net: a count of people that no rule read or explained sends the letter to an officer."""
    return [Flag(field="hiring_needs", code=FlagCode.unaccounted_count, message=accounting.message(item))
            for item in r.unaccounted[:3]]


def _check_confidence(r: FieldsReading) -> list[Flag]:
    low = [n for n in r.needs.needs if n.confidence < LOW_CONFIDENCE]
    if low:
        sample = ", ".join(f"{n.position or '?'} {n.year}: {n.quantity}" for n in low[:3])
        return [Flag(field="hiring_needs", code=FlagCode.low_confidence,
                     message=f"{len(low)} số liệu đọc được với độ tin cậy thấp ({sample}); đề nghị đối chiếu bản gốc.")]
    return []


_KIND_FIELDS = {"criteria": ("category", "tiêu chí", vocab.labels("criteria")),
                "cooperation_offers": ("kind", "nội dung hợp tác", vocab.labels("offers"))}
MAX_KIND_FLAGS = 5


def _check_kinds(r: FieldsReading) -> list[Flag]:
    """An item whose category or kind was decided on weak evidence (extractors/fields/kinds.py): the officer looks."""
    flags = []
    for part, index, why in r.kind_doubts[:MAX_KIND_FLAGS]:
        item = getattr(r, "criteria" if part == "criteria" else "cooperation")[index]
        name, what, labels = _KIND_FIELDS[part]
        value = getattr(item, name)
        flags.append(Flag(field=f"{part}[{index}].{name}", code=FlagCode.low_confidence,
                          message=f"Chưa chắc loại của {what} «{item.text[:80]}» (đã xếp «{labels[value]}»): {why}; "
                                  f"đề nghị kiểm tra."))
    return flags


def _check_frequency(r: FieldsReading) -> list[Flag]:
    """A rhythm the contract has no value for ("6 tháng một lần"): left empty, the officer records it."""
    if r.frequency_doubt is None:
        return []
    return [Flag(field="registration.frequency", code=FlagCode.low_confidence,
                 message=f"{r.frequency_doubt}; đề nghị kiểm tra.")]


def _check_reply_doubt(r: FieldsReading) -> list[Flag]:
    if r.reply_doubt is None:
        return []
    return [Flag(field="document", code=FlagCode.reply_unclear,
                 message=f"Chưa chắc là văn bản phúc đáp Công văn 812/BQL-LĐ ({r.reply_doubt}); đề nghị kiểm tra.")]


def _check_structure(r: FieldsReading) -> list[Flag]:
    """What the cutting of the letter into answers could not settle (extractors/fields/structure.py)."""
    structure = r.view.structure
    if structure is None:
        return []
    return [Flag(field="document", code=FlagCode(code), message=message) for code, message in structure.problems]
