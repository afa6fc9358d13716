"""Letters cut into their answers by structure: numbering of every kind, run-in and unnumbered headings, other
orders, merged answers, forms, annexes, and letters without any heading.

Each letter is written here in its own words (none of any corpus), rendered to DOCX (python-docx) and to a text
PDF (reportlab: lines wrap as a PDF reader sees them) and read end to end by `extract_path`. What is compared is
what an officer relies on: the needs (year, qualification, count), the kinds of criteria and offers, the
registration frequency and the status.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from pipeline.runtime.extract import extract_path
from tests.support.letters import LetterSpec, TableSpec, build_docx, build_pdf


@dataclass
class Case:
    name: str
    body: list
    needs: set[tuple[int, str, int]]
    criteria: set[str] = field(default_factory=set)
    offers: set[str] = field(default_factory=set)
    frequency: str | None = None
    proposals: int | None = None               # how many proposals, when it matters
    unclear: bool = False                      # the letter is flagged answer_unclear (else it must not be)


def _spec(case: Case) -> LetterSpec:
    return LetterSpec(company_upper="CÔNG TY TNHH THIẾT BỊ ĐIỆN LẠNH PHÚ SƠN", number="17/PS-HCNS",
                      subject="trả lời Công văn số 812/BQL-LĐ", place_date="Hải Phòng, ngày 14 tháng 4 năm 2023",
                      body=case.body)


INTRO = ("Công ty TNHH Thiết bị điện lạnh Phú Sơn (mã số thuế 0201234569), Lô C7 KCN Nam Đình Vũ, xin trả lời "
         "Công văn số 812/BQL-LĐ ngày 08/3/2023 của Quý Ban như sau:")

CASES = [
    Case("roman numerals with lettered items inside", [
        INTRO,
        "I. Nhu cầu tuyển dụng",
        "a) Năm 2023: Công ty cần tuyển 40 công nhân lắp ráp máy nén (lao động phổ thông).",
        "b) Năm 2024: Công ty cần tuyển 12 kỹ thuật viên điện lạnh trình độ cao đẳng.",
        "II. Tiêu chuẩn đối với người lao động",
        "a) Độ tuổi từ 18 đến 35;",
        "b) Có chứng chỉ an toàn điện.",
        "III. Hợp tác với cơ sở đào tạo",
        "a) Tiếp nhận sinh viên ngành nhiệt lạnh thực tập tại xưởng;",
        "b) Trao học bổng cho học sinh nghèo vượt khó.",
        "IV. Đăng ký nhu cầu tuyển dụng",
        "Công ty đăng ký nhu cầu mỗi quý một lần trên cổng heza.",
        "V. Kiến nghị",
        "Đề nghị Quý Ban tổ chức hội chợ việc làm tại KCN Nam Đình Vũ.",
    ], {(2023, "unskilled", 40), (2024, "college", 12)}, {"age", "certification"}, {"internship", "scholarship"},
        "quarterly", 1),
    Case("Câu 1-5 of a questionnaire, one line each", [
        INTRO,
        "Câu 1. Nhu cầu tuyển dụng: năm 2023 tuyển 25 thợ hàn (sơ cấp nghề) và 5 kỹ sư cơ khí (đại học).",
        "Câu 2. Tiêu chuẩn lao động: có sức khỏe tốt; biết đọc bản vẽ kỹ thuật.",
        "Câu 3. Hợp tác đào tạo: cử kỹ sư hướng dẫn thực hành tại trường.",
        "Câu 4. Tần suất đăng ký: hằng tháng trên Cổng thông tin điện tử thành phố.",
        "Câu 5. Ý kiến khác: đề nghị hỗ trợ kinh phí đào tạo lại cho lao động.",
    ], {(2023, "elementary_vocational", 25), (2023, "university", 5)}, {"health", "skills"}, {"experts"},
        "monthly", 1),
    Case("Ý 1 - Ý 5 run-in headings with a dash", [
        INTRO,
        "Ý 1 – nhu cầu lao động. Trong năm 2023, Công ty cần 18 công nhân vận hành dây chuyền ép nhựa có trình độ "
        "trung cấp nghề.",
        "Ý 2 – tiêu chuẩn. Người lao động phải có kinh nghiệm tối thiểu 1 năm; tuân thủ nội quy an toàn.",
        "Ý 3 – hợp tác. Công ty đặt hàng đào tạo thợ khuôn mẫu với trường cao đẳng nghề.",
        "Ý 4 – đăng ký. Công ty đăng ký trên cổng heza mỗi tuần.",
        "Ý 5 – kiến nghị. Đề nghị Ban Quản lý kết nối doanh nghiệp với các trường nghề của huyện.",
    ], {(2023, "intermediate_vocational", 18)}, {"experience", "attitude"}, {"order_based_training"}, "weekly", 1),
    Case("(1)-(5) in running prose", [
        INTRO,
        "(1) Năm 2023 Công ty có nhu cầu tuyển 60 công nhân may (lao động phổ thông); năm 2024 cần 30 công nhân "
        "may (lao động phổ thông).",
        "(2) Về tiêu chuẩn, người lao động tuổi từ 18 đến 40, sức khỏe tốt.",
        "(3) Về hợp tác, Công ty nhận học sinh thực tập và cam kết tuyển dụng học sinh tốt nghiệp đạt yêu cầu.",
        "(4) Công ty sẽ đăng ký nhu cầu tuyển dụng khi có kế hoạch cụ thể trên cổng heza.",
        "(5) Công ty không có kiến nghị.",
    ], {(2023, "unskilled", 60), (2024, "unskilled", 30)}, {"age", "health"},
        {"internship", "recruitment_commitment"}, "ad_hoc"),
    Case("ordinal words, the last two answers merged", [
        INTRO,
        "Thứ nhất, về nhu cầu tuyển dụng: năm 2023 Công ty cần tuyển 22 thợ điện công nghiệp trình độ cao đẳng.",
        "Thứ hai, về tiêu chuẩn: ưu tiên người có chứng chỉ nghề điện; biết sử dụng máy tính.",
        "Thứ ba, về hợp tác với nhà trường: Công ty sẵn sàng cử chuyên gia tham gia giảng dạy.",
        "Thứ tư và thứ năm, về đăng ký nhu cầu và kiến nghị: Công ty sẽ đăng ký nhu cầu tuyển dụng hằng tuần "
        "trên cổng heza. Đồng thời, Công ty kiến nghị Ban Quản lý hỗ trợ tổ chức lớp bồi dưỡng kỹ năng mềm cho "
        "công nhân.",
    ], {(2023, "college", 22)}, {"certification", "skills"}, {"experts"}, "weekly", 1),
    Case("answers in another order, labelled by their point", [
        INTRO,
        "(Nội dung 3) Hợp tác với các trường",
        "Công ty trao học bổng cho sinh viên ngành điện lạnh và nhận sinh viên thực tập.",
        "(Nội dung 1) Nhu cầu tuyển dụng",
        "Năm 2023 cần 14 kỹ thuật viên bảo trì trình độ trung cấp.",
        "(Nội dung 2) Tiêu chuẩn",
        "Tốt nghiệp trung cấp chuyên ngành điện lạnh trở lên.",
        "(Nội dung 4) Đăng ký",
        "Công ty đăng ký hằng tháng trên cổng heza.",
        "(Nội dung 5) Đề xuất",
        "Đề nghị Quý Ban thông tin các chương trình hỗ trợ đào tạo nghề.",
    ], {(2023, "intermediate_vocational", 14)}, {"education"}, {"scholarship", "internship"}, "monthly", 1),
    Case("unnumbered paragraphs, needs in the introduction", [
        "Công ty TNHH Thiết bị điện lạnh Phú Sơn (mã số thuế 0201234569) cảm ơn Quý Ban đã gửi Công văn số "
        "812/BQL-LĐ. Trong năm 2023 Công ty cần tuyển 35 công nhân lắp ráp (lao động phổ thông) và 4 kỹ sư "
        "thiết kế tốt nghiệp đại học.",
        "Về tiêu chuẩn, người lao động phải có sức khỏe tốt và tốt nghiệp trung học phổ thông.",
        "Về hợp tác, Công ty sẵn sàng nhận sinh viên đến thực tập tại nhà máy.",
        "Công ty sẽ đăng ký nhu cầu tuyển dụng định kỳ hằng quý trên Cổng thông tin điện tử thành phố.",
        "Cuối cùng, Công ty kiến nghị Ban Quản lý hỗ trợ nhà ở cho công nhân ở xa.",
    ], {(2023, "unskilled", 35), (2023, "university", 4)}, {"health", "education"}, {"internship"}, "quarterly", 1),
    Case("two answers under one heading", [
        INTRO,
        "1 và 2. Nhu cầu tuyển dụng và tiêu chuẩn đối với người lao động",
        "Năm 2023 Công ty cần tuyển 16 thợ hàn có trình độ sơ cấp nghề.",
        "Người lao động phải có chứng chỉ hàn 3G và chấp hành nội quy an toàn.",
        "3. Hợp tác với cơ sở đào tạo",
        "Công ty cho nhà trường mượn xưởng hàn làm nơi thực hành.",
        "4. Đăng ký nhu cầu tuyển dụng",
        "Công ty đăng ký mỗi tháng một lần trên cổng heza.",
        "5. Kiến nghị",
        "Không có kiến nghị.",
    ], {(2023, "elementary_vocational", 16)}, {"certification", "attitude"}, {"facilities"}, "monthly"),
    Case("headings A to E and a weekly rhythm said in English", [
        INTRO,
        "A. Nhu cầu tuyển dụng / Recruitment needs",
        "Năm 2024 Công ty cần 8 kỹ sư tự động hóa (đại học).",
        "B. Tiêu chuẩn / Requirements",
        "- Tiếng Anh giao tiếp tốt;",
        "- Độ tuổi dưới 35.",
        "C. Hợp tác / Cooperation",
        "- Cử chuyên gia giảng dạy chuyên đề tự động hóa tại trường.",
        "D. Đăng ký nhu cầu / Registration",
        "Công ty đăng ký hằng tuần (weekly) trên cổng heza.",
        "E. Kiến nghị / Proposals",
        "Đề nghị mở lớp tiếng Anh kỹ thuật cho lao động trong KCN.",
    ], {(2024, "university", 8)}, {"language", "age"}, {"experts"}, "weekly", 1),
    Case("a heading that names its answer after other words", [
        INTRO,
        "1. Kế hoạch tuyển dụng lao động",
        "Năm 2023: 30 công nhân đóng gói (lao động phổ thông).",
        "2. Tiêu chuẩn tuyển dụng",
        "- Sức khỏe tốt, không mắc bệnh truyền nhiễm;",
        "- Có kinh nghiệm làm việc trong nhà máy thực phẩm là lợi thế.",
        "3. Phối hợp đào tạo với nhà trường",
        "- Nhận học sinh thực tập;",
        "- Tham gia góp ý chương trình đào tạo.",
        "4. Đăng ký trên cổng thông tin",
        "Công ty đăng ký 3 tháng một lần trên cổng heza.",
        "5. Đề xuất",
        "Đề nghị hỗ trợ chi phí khám sức khỏe tuyển dụng.",
    ], {(2023, "unskilled", 30)}, {"health", "experience"}, {"internship", "curriculum"}, "quarterly", 1),
    Case("cover letter answering points 2 to 5 in one paragraph, needs in an annex after the signature", [
        "Căn cứ Công văn số 812/BQL-LĐ ngày 08/3/2023 của Quý Ban, Công ty TNHH Thiết bị điện lạnh Phú Sơn gửi kèm "
        "Phụ lục nhu cầu tuyển dụng. Về các nội dung khác, người lao động cần có sức khỏe tốt và tay nghề vững; "
        "Công ty sẵn sàng nhận sinh viên thực tập; Công ty sẽ đăng ký nhu cầu hằng quý trên cổng heza và đề nghị "
        "Ban Quản lý hỗ trợ kết nối với các trường nghề.",
        "Trân trọng./.",
        "GIÁM ĐỐC",
        "Lê Văn Sơn",
        "PHỤ LỤC: NHU CẦU TUYỂN DỤNG",
        TableSpec([["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
                   ["1", "Công nhân lắp ráp", "Lao động phổ thông", "50", "40"],
                   ["2", "Kỹ thuật viên điện lạnh", "Cao đẳng", "6", "4"]]),
    ], {(2023, "unskilled", 50), (2024, "unskilled", 40), (2023, "college", 6), (2024, "college", 4)},
        {"health", "skills"}, {"internship"}, "quarterly"),
    Case("a two-column form of questions and answers", [
        "Thực hiện Công văn số 812/BQL-LĐ, Công ty TNHH Thiết bị điện lạnh Phú Sơn trả lời theo bảng sau:",
        TableSpec([["Nội dung", "Ý kiến của doanh nghiệp"],
                   ["1. Nhu cầu tuyển dụng", "Năm 2023: 26 công nhân sơn tĩnh điện (lao động phổ thông)."],
                   ["2. Tiêu chuẩn, tiêu chí", "Không dị ứng hóa chất; có kinh nghiệm sơn công nghiệp."],
                   ["3. Hợp tác với cơ sở đào tạo", "Tài trợ học bổng cho học sinh trường nghề."],
                   ["4. Đăng ký trên cổng thông tin", "Một lần mỗi tháng trên cổng heza."],
                   ["5. Kiến nghị", "Không có."]]),
    ], {(2023, "unskilled", 26)}, {"health", "experience"}, {"scholarship"}, "monthly"),
    Case("bare heading lines without number or colon, as bold headings read", [
        INTRO,
        "Nhu cầu tuyển dụng",
        "Năm 2023 Công ty dự kiến tuyển 28 công nhân vận hành máy cắt CNC trình độ trung cấp.",
        "Tiêu chuẩn lao động",
        "Người lao động cần có chứng chỉ vận hành máy CNC.",
        "Hợp tác với nhà trường",
        "Công ty nhận sinh viên thực tập vào dịp hè.",
        "Đăng ký nhu cầu",
        "Công ty đăng ký hằng tháng trên Cổng thông tin điện tử thành phố.",
        "Kiến nghị",
        "Đề nghị hỗ trợ đào tạo kỹ năng an toàn lao động cho công nhân mới.",
    ], {(2023, "intermediate_vocational", 28)}, {"certification"}, {"internship"}, "monthly", 1),
    Case("bold headings without numbers, some in the Board's long wording", [
        INTRO,
        ("bold", "Nhu cầu tuyển dụng lao động năm 2023 và các năm tiếp theo"),
        "Năm 2023 Công ty dự kiến tuyển 28 công nhân vận hành máy cắt CNC trình độ trung cấp.",
        ("bold", "Tiêu chuẩn, tiêu chí mà doanh nghiệp đặt ra đối với người lao động đã qua đào tạo"),
        "a) Có chứng chỉ vận hành máy CNC;",
        "b) Độ tuổi từ 18 đến 35.",
        ("bold", "Khả năng hợp tác, liên kết với các cơ sở giáo dục nghề nghiệp trong đào tạo (đào tạo theo đơn "
                 "đặt hàng, cử chuyên gia, tiếp nhận học sinh, sinh viên thực tập)"),
        "Công ty nhận sinh viên thực tập vào dịp hè.",
        ("bold", "Việc đăng ký nhu cầu tuyển dụng lao động định kỳ hằng tuần, hằng tháng trên Cổng thông tin điện "
                 "tử"),
        "Công ty đăng ký khi có nhu cầu trên Cổng thông tin điện tử thành phố.",
        ("bold", "Kiến nghị, đề xuất"),
        "Đề nghị hỗ trợ đào tạo kỹ năng an toàn lao động cho công nhân mới.",
    ], {(2023, "intermediate_vocational", 28)}, {"certification", "age"}, {"internship"}, "ad_hoc", 1),
    Case("a form numbered in its own column, the needs table after it", [
        "Thực hiện Công văn số 812/BQL-LĐ, Công ty TNHH Thiết bị điện lạnh Phú Sơn trả lời theo bảng sau:",
        TableSpec([["STT", "Nội dung", "Ý kiến của doanh nghiệp"],
                   ["1", "Nhu cầu tuyển dụng", "Chi tiết tại bảng dưới đây."],
                   ["2", "Tiêu chuẩn, tiêu chí", "Không dị ứng hóa chất; có kinh nghiệm sơn công nghiệp."],
                   ["3", "Hợp tác với cơ sở đào tạo", "Tài trợ học bổng cho học sinh trường nghề."],
                   ["4", "Đăng ký trên cổng thông tin", "Một lần mỗi tháng trên cổng heza."],
                   ["5", "Kiến nghị", "Không có."]]),
        "Bảng kèm mục 1:",
        TableSpec([["STT", "Vị trí", "Trình độ", "Năm 2023"], ["1", "Công nhân sơn tĩnh điện", "LĐPT", "26"]]),
    ], {(2023, "unskilled", 26)}, {"health", "experience"}, {"scholarship"}, "monthly"),
    Case("every paragraph followed by its English translation", [
        INTRO,
        "We reply to letter No. 812/BQL-LD of the Authority as follows:",
        "1. Nhu cầu tuyển dụng",
        "1. Recruitment needs",
        "Năm 2023 Công ty cần tuyển 45 công nhân lắp ráp (lao động phổ thông).",
        "In 2023 the Company needs to recruit 45 assembly workers (unskilled).",
        "2. Tiêu chuẩn",
        "2. Requirements",
        "Người lao động cần có sức khỏe tốt.",
        "Workers must be in good health.",
        "3. Hợp tác",
        "3. Cooperation",
        "Công ty nhận sinh viên thực tập.",
        "The Company accepts student interns.",
        "4. Đăng ký",
        "4. Registration",
        "Công ty đăng ký hằng tuần trên cổng heza.",
        "The Company registers weekly on the heza portal.",
        "5. Kiến nghị",
        "5. Proposals",
        "Không có.",
        "None.",
    ], {(2023, "unskilled", 45)}, {"health"}, {"internship"}, "weekly"),
    # Blocks that answer several questions: each sentence or clause goes to the answer its content names.
    Case("a run-in heading whose paragraph goes on to points 3, 4 and 5", [
        INTRO,
        "Năm 2023 Công ty cần tuyển 24 thợ sơn (lao động phổ thông) và 3 kỹ sư hóa (đại học).",
        "Về yêu cầu đối với người lao động, ứng viên phải trong độ tuổi 20 đến 40 và không mắc bệnh về da. Chúng "
        "tôi có thể nhận học viên trường nghề đến thực tập và cử kỹ sư tham gia giảng dạy kỹ năng. Việc cập nhật "
        "nhu cầu sẽ làm mỗi quý một lần trên Cổng thông tin việc làm Hải Phòng. Chúng tôi kiến nghị Quý Ban "
        "mở thêm tuyến xe đưa đón công nhân.",
    ], {(2023, "unskilled", 24), (2023, "university", 3)}, {"age", "health"}, {"internship", "experts"},
        "quarterly", 1),
    Case("numbered answers, point 2 also answering point 3", [
        INTRO,
        "1. Nhu cầu tuyển dụng: năm 2024 cần 10 thợ điện (trung cấp).",
        "2. Tiêu chuẩn: có chứng chỉ an toàn điện, sức khỏe tốt. Công ty sẵn sàng nhận sinh viên ngành điện "
        "thực tập và trao học bổng cho sinh viên xuất sắc.",
        "4. Đăng ký: hằng tháng trên cổng heza.",
        "5. Kiến nghị: không có.",
    ], {(2024, "intermediate_vocational", 10)}, {"certification", "health"}, {"internship", "scholarship"},
        "monthly"),
    Case("numbered answers, point 3 also answering points 4 and 5", [
        INTRO,
        "1. Nhu cầu tuyển dụng: năm 2023 cần 15 công nhân đóng gói (lao động phổ thông).",
        "2. Tiêu chuẩn: từ đủ 18 tuổi; biết đọc, viết tiếng Việt.",
        "3. Hợp tác với nhà trường: Công ty có thể cử chuyên gia tham gia giảng dạy. Công ty sẽ đăng ký nhu cầu "
        "tuyển dụng hằng tuần trên cổng heza. Công ty đề nghị Ban Quản lý hỗ trợ kinh phí đào tạo nghề.",
    ], {(2023, "unskilled", 15)}, {"age", "skills"}, {"experts"}, "weekly", 1),
    Case("points 2 and 3 in one sentence, cut at its comma", [
        INTRO,
        "Thứ nhất, năm 2023 Công ty cần tuyển 12 thợ hàn có trình độ sơ cấp nghề.",
        "Thứ hai, về tiêu chuẩn, người lao động cần có tay nghề hàn vững, đồng thời Công ty sẵn sàng trao học bổng "
        "cho học sinh trường nghề.",
        "Thứ ba, Công ty đăng ký nhu cầu khi có kế hoạch tuyển dụng trên cổng heza.",
    ], {(2023, "elementary_vocational", 12)}, {"skills"}, {"scholarship"}, "ad_hoc"),
    Case("all five answers in one paragraph without any heading", [
        "Phúc đáp Công văn số 812/BQL-LĐ ngày 08/3/2023, Công ty TNHH Thiết bị điện lạnh Phú Sơn (mã số thuế "
        "0201234569) trân trọng thông tin. Năm 2023 Công ty cần tuyển 40 công nhân lắp ráp (lao động phổ thông). "
        "Người lao động phải có sức khỏe tốt, ưu tiên người có kinh nghiệm. Công ty sẵn sàng nhận sinh viên thực "
        "tập và cam kết tuyển dụng sinh viên tốt nghiệp đạt yêu cầu. Công ty sẽ đăng ký nhu cầu mỗi quý một lần "
        "trên cổng heza. Công ty đề nghị Ban Quản lý tổ chức hội chợ việc làm tại KCN.",
    ], {(2023, "unskilled", 40)}, {"health", "experience"}, {"internship", "recruitment_commitment"},
        "quarterly", 1),
    Case("unnumbered paragraphs in another order", [
        INTRO,
        "Công ty đề nghị Quý Ban hỗ trợ kết nối với các trường cao đẳng trên địa bàn.",
        "Công ty cập nhật nhu cầu hằng tháng trên Cổng thông tin điện tử thành phố.",
        "Về hợp tác, Công ty sẵn sàng phối hợp đặt hàng đào tạo thợ cơ khí với nhà trường.",
        "Năm 2024 Công ty cần tuyển 18 thợ cơ khí trình độ cao đẳng.",
        "Người lao động cần có sức khỏe tốt và chứng chỉ nghề phù hợp.",
    ], {(2024, "college", 18)}, {"health", "certification"}, {"order_based_training"}, "monthly", 1),
    Case("a section holding a sentence that speaks only of an answer given elsewhere", [
        INTRO,
        "1. Nhu cầu tuyển dụng: năm 2023 cần 20 công nhân may (lao động phổ thông).",
        "2. Tiêu chuẩn: sức khỏe tốt, độ tuổi từ 18 đến 35. Công ty sẽ đăng ký nhu cầu hằng tuần trên cổng heza.",
        "3. Hợp tác: nhận sinh viên thực tập.",
        "4. Đăng ký: hằng tháng trên cổng heza.",
        "5. Kiến nghị: không có.",
    ], {(2023, "unskilled", 20)}, {"health", "age"}, {"internship"}, "monthly", unclear=True),
    Case("a merged paragraph with a sentence that may be an offer or a proposal", [
        INTRO,
        "1. Nhu cầu tuyển dụng: năm 2023 cần 30 công nhân lắp ráp (lao động phổ thông).",
        "2. Về tiêu chuẩn và các nội dung khác: người lao động cần có sức khỏe tốt. Công ty sẽ đăng ký nhu cầu "
        "hằng quý trên cổng heza. Công ty đề nghị nhà trường tăng thời lượng thực hành cho sinh viên.",
    ], {(2023, "unskilled", 30)}, {"health"}, set(), "quarterly", unclear=True),
]


def _check(path, case: Case):
    _check_record(extract_path(path).model_dump(mode="json"), case)


def _check_record(record: dict, case: Case):
    assert record["status"] != "rejected", record["flags"]
    assert {(n["year"], n["qualification"], n["quantity"]) for n in record["hiring_needs"]} == case.needs
    criteria = {c["category"] for c in record["criteria"]}
    # A flagged letter keeps the doubtful sentence where its heading put it: what is known must be there.
    assert (criteria >= case.criteria if case.unclear else criteria == case.criteria), \
        [c["text"] for c in record["criteria"]]
    offers = {o["kind"] for o in record["cooperation_offers"]}
    assert (offers >= case.offers if case.unclear else offers == case.offers), \
        [o["text"] for o in record["cooperation_offers"]]
    assert (record["registration"] or {}).get("frequency") == case.frequency
    if case.proposals is not None:
        assert len(record["proposals"]) == case.proposals, record["proposals"]
    unclear = [f["message"] for f in record["flags"] if f["code"] == "answer_unclear"]
    assert bool(unclear) == case.unclear, unclear


_KNOWN: dict[str, str] = {}                 # case name -> why it fails today (strict xfail)
_PARAMS = [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(reason=_KNOWN[c.name], strict=True)]
                        if c.name in _KNOWN else []) for c in CASES]


@pytest.mark.parametrize("case", _PARAMS)
def test_docx(case, tmp_path):
    _check(build_docx(tmp_path / "letter.docx", _spec(case)), case)


@pytest.mark.parametrize("case", _PARAMS)
def test_pdf(case, tmp_path):
    _check(build_pdf(tmp_path / "letter.pdf", _spec(case)), case)


_SCANNED = ("a run-in heading whose paragraph goes on to points 3, 4 and 5",
            "numbered answers, point 3 also answering points 4 and 5")


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.name in _SCANNED], ids=lambda c: c.name)
def test_scan(case, tmp_path):
    """A scan of the letter (OCR, lines without paragraphs) goes through the same block model: the same answers
    come out."""
    from tests.support.scans import save_pdf, scanned_pages

    path = save_pdf(scanned_pages(_spec(case), tmp_path, stamp_at=None), tmp_path / "letter.pdf")
    record = extract_path(path).model_dump(mode="json")
    assert record["source"]["ocr_used"]
    _check_record(record, case)
