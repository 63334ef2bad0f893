"""`thidua bench signing`: the time to sign one decision (the signer's and the organisation's
visible PAdES signatures) and a 1,000-certificate batch (the organisation's signature).

Keys come from a throw-away CA generated in the run (PKCS#12, RSA 2048) — no database is
used. The decision is a real two-page decision rendered by LibreOffice (rendering timed
apart: it happens once per decision, before signing); the batch is the 1,000 synthetic
certificates of `thidua bench certificates`. Options: `--n=1000`, `--rounds=5`.
"""

from __future__ import annotations

import io
import statistics
import time


def _decision_pdf(signer_name: str) -> bytes:
    from thidua.core.documents import Signature, StateDocument, docx_to_pdf

    doc = StateDocument(
        parent_body="",
        issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN",
        number="Số: 15/QĐ-UBND",
        place_date="Bắc Kạn, ngày 20 tháng 01 năm 2025",
        type_name="QUYẾT ĐỊNH",
        summary="Về việc tặng Giấy khen cho các tập thể, cá nhân",
        recipients=["Như Điều 3", "Lưu: VT, NV"],
        signature=Signature(authority="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name=signer_name),
    )
    doc.heading("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN", center=True)
    doc.heading("QUYẾT ĐỊNH:", center=True)
    doc.paragraph("Điều 1. Tặng Giấy khen cho 40 cá nhân đã có thành tích xuất sắc:")
    doc.table(
        ["TT", "Cá nhân", "Đơn vị", "Tiền thưởng"],
        [[i, f"Người thứ {i}", "Phường Đức Xuân", "710.000 đ"] for i in range(1, 41)],
        widths_cm=[1.0, 6.5, 5.5, 3.0],
        size=12,
    )
    doc.paragraph("Điều 2. Các cơ quan, đơn vị và cá nhân có tên tại Điều 1 thi hành./.")
    doc.close()
    return docx_to_pdf(doc.to_bytes())


def run(stdout, args) -> None:
    from pypdf import PdfReader

    from thidua.registry.bench_certificates import synthetic_awards
    from thidua.registry.certificates import RenderOptions, heading_for, render, texts_for
    from thidua.signing import appearance
    from thidua.signing.democa import DemoCA
    from thidua.signing.pades import Field, PadesSigner, Pkcs12Source
    from thidua.signing.placement import signer_block

    opts = dict(a.lstrip("-").split("=", 1) if "=" in a else (a.lstrip("-"), "1") for a in args)
    n = int(opts.get("n", 1000))
    rounds = int(opts.get("rounds", 5))
    signer_name, organisation = "Nguyễn Văn Mẫu", "Ủy ban nhân dân thành phố Bắc Kạn"
    ca = DemoCA.create("thidua BENCH Root CA")
    person, seal = ca.issue(signer_name), ca.issue(organisation, organisation)
    p_signer = PadesSigner(Pkcs12Source(person.pkcs12("bench"), "bench"))
    s_signer = PadesSigner(Pkcs12Source(seal.pkcs12("bench"), "bench"))
    sig_look = appearance.Appearance("signer", appearance.demo_signature_png(signer_name))
    seal_look = appearance.Appearance(
        "seal", appearance.demo_seal_png(organisation), organisation, appearance.seal_size_points()
    )

    t0 = time.perf_counter()
    decision = _decision_pdf(signer_name)
    render_s = time.perf_counter() - t0
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        place = signer_block(decision, signer_name, organisation)
        one = p_signer.sign(
            decision, Field("ChuKyNguoiCoThamQuyen", place.page, place.signer_box), sig_look
        )
        two = s_signer.sign(one, Field("ChuKyCoQuanToChuc", place.page, place.seal_box), seal_look)
        times.append(time.perf_counter() - t0)
    decision_s = statistics.median(times)
    stdout.write(
        f"Quyết định {len(PdfReader(io.BytesIO(decision)).pages)} trang: dựng PDF "
        f"(LibreOffice) {render_s:.2f} s; ký số 2 chữ ký hiển thị (người ký + cơ quan), trung vị "
        f"{rounds} lần: {decision_s:.3f} s ({len(two):,} byte).\n"
    )

    awards, dec = synthetic_awards(n)
    heading = heading_for(dec.issuer, "giay_khen_chu_tich_huyen")
    serials = [f"{i + 1}/{dec.year}" for i in range(n)]
    t0 = time.perf_counter()
    batch = render(
        texts_for(awards, dec, serials, "https://thidua.example.vn"),
        heading,
        RenderOptions(title="Giấy khen"),
    )
    batch_render_s = time.perf_counter() - t0
    times = []
    for _ in range(max(1, rounds // 2)):
        t0 = time.perf_counter()
        signed = s_signer.sign(batch, Field("ChuKyCoQuanToChuc", 0, None))
        times.append(time.perf_counter() - t0)
    batch_s = statistics.median(times)
    stdout.write(
        f"Lô {n:,} giấy khen ({len(batch) / 1e6:.1f} MB): dựng {batch_render_s:.2f} s; ký số của cơ "
        f"quan (không hiển thị): {batch_s:.3f} s ({len(signed) / 1e6:.1f} MB).\n"
    )
    stdout.write(f"sign_decision_seconds={decision_s:.3f}\n")
    stdout.write(f"sign_batch_{n}_seconds={batch_s:.3f}\n")
