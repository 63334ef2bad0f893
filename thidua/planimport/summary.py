"""Readable Vietnamese summary of an extraction, for the command line."""

from __future__ import annotations

KINDS = {
    "thuong_xuyen": "Thi đua thường xuyên",
    "theo_dot": "Thi đua theo đợt",
    "chuyen_de": "Thi đua chuyên đề",
    "hang_nam": "Công tác thi đua hằng năm",
    "chuong_trinh": "Chương trình thi đua nhiều năm",
}
DEADLINE_KINDS = {
    "registration": "Đăng ký thi đua",
    "registration_forward": "Chuyển đăng ký thi đua",
    "dossier": "Nộp hồ sơ khen thưởng",
    "dossier_to_block": "Gửi hồ sơ về trưởng khối/cụm",
    "report": "Báo cáo kết quả",
    "commitment": "Ký cam kết",
    "other": "Khác",
}


def _v(value) -> str:
    return "—" if value in (None, "", []) else str(value)


def summarise(r: dict) -> str:
    lines = [
        f"Trích yếu: {_v(r['title'])}",
        f"Loại văn bản: {_v(r['doc_type'])}   Số: {_v(r['number'])}",
        f"Cơ quan ban hành: {_v(r['issuer'])}",
        f"Địa danh, ngày: {_v(r['place'])}, {_v(r['issue_date'])}",
        f"Hình thức thi đua: {KINDS.get(r['kind'], _v(r['kind']))}",
        f"Thời gian: {_v(r['start_date'])} → {_v(r['end_date'])}",
        f"Khẩu hiệu: {_v(r['slogan'])}",
        f"Căn cứ: {_v(r['parent_plan'])}",
    ]
    if r.get("anniversary"):
        lines.append(f"Kỷ niệm: {r['anniversary']['name']} ({_v(r['anniversary']['date'])})")
    subj = r["subjects"]
    lines += [
        f"Đối tượng tập thể: {_v(subj['collective'])}",
        f"Đối tượng cá nhân: {_v(subj['individual'])}",
    ]
    if r["content_areas"]:
        lines.append("Nội dung thi đua:")
        lines += [f"  {i}. {c}" for i, c in enumerate(r["content_areas"], 1)]
    if r["deadlines"]:
        lines.append("Thời hạn:")
        lines += [
            f"  {d['date']} — {DEADLINE_KINDS.get(d['kind'], d['kind'])}" for d in r["deadlines"]
        ]
    for form in r["award_forms"]:
        lines.append(f"Hình thức khen thưởng: {form['form']} [{_v(form['form_code'])}]")
        lines += [f"  - {q['who']}: tối đa {q['max']}" for q in form["quotas"]]
    if r["dossier_documents"]:
        lines.append("Hồ sơ gồm:")
        lines += [f"  - {d}" for d in r["dossier_documents"]]
    if r["responsibilities"]:
        lines.append("Tổ chức thực hiện:")
        lines += [f"  - {x['who']}: {x['what']}" for x in r["responsibilities"]]
    if r["milestones"]:
        lines.append("Mốc thực hiện:")
        lines += [f"  - {_v(m['when'])}: {m['what']}" for m in r["milestones"]]
    return "\n".join(lines)
