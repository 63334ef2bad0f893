"""Excel exports of registrations, progress and rankings (rows scoped to the user)."""

from __future__ import annotations

from django.db.models import Prefetch

from thidua.core.excel import Exporter

from .models import ProgressReport, Registration
from .snapshots import read


class _Base(Exporter):
    def __init__(self, user, campaign, as_at):
        self.user, self.campaign, self.as_at = user, campaign, as_at

    def regs(self):
        return Registration.objects.for_user(self.user).filter(campaign=self.campaign)


class RegistrationExporter(_Base):
    title = "Đăng ký thi đua"
    columns = [
        ("Khối", 28),
        ("Đơn vị", 34),
        ("Trạng thái", 22),
        ("Ngày gửi", 12),
        ("Gửi muộn", 10),
        ("Số lần trả lại", 10),
        ("Số chỉ tiêu", 10),
        ("Công trình, phần việc", 12),
        ("Sự kiện", 10),
    ]

    def rows(self):
        from django.db.models import Count

        qs = (
            self.regs()
            .select_related("block", "unit")
            .annotate(
                ni=Count("indicators", distinct=True),
                nw=Count("work_items", distinct=True),
                ne=Count("events", distinct=True),
            )
            .order_by("block__name", "unit__name")
        )
        for r in qs:
            yield [
                r.block.name if r.block else "",
                r.unit.name,
                r.get_status_display(),
                r.submitted_at.date() if r.submitted_at else None,
                "Có" if r.is_late else "",
                r.times_returned,
                r.ni,
                r.nw,
                r.ne,
            ]


class ProgressExporter(_Base):
    title = "Tiến độ thực hiện"
    columns = [
        ("Đơn vị", 30),
        ("Chỉ tiêu", 44),
        ("Đơn vị tính", 12),
        ("Ban đầu", 10),
        ("Chỉ tiêu", 10),
        ("Trọng số", 8),
        ("Ngày số liệu", 12),
        ("Kết quả", 10),
    ]

    def rows(self):
        reports = ProgressReport.objects.filter(report_date__lte=self.as_at).order_by(
            "report_date", "pk"
        )
        for r in (
            self.regs()
            .select_related("unit")
            .prefetch_related("indicators", Prefetch("indicators__reports", queryset=reports))
            .order_by("unit__name")
        ):
            for ind in r.indicators.all():
                reps = list(ind.reports.all())
                last = reps[-1] if reps else None
                yield [
                    r.unit.name,
                    ind.name,
                    ind.unit_of_measure,
                    ind.baseline,
                    ind.target,
                    ind.weight,
                    last.report_date if last else None,
                    last.actual if last else None,
                ]


class RankingExporter(_Base):
    title = "Xếp hạng khối"
    columns = [
        ("Khối", 30),
        ("Xếp hạng", 9),
        ("Đơn vị", 34),
        ("Tỷ lệ hoàn thành (%)", 14),
        ("Điểm", 10),
        ("Căn cứ xếp hạng", 50),
    ]

    def rows(self):
        visible = set(self.regs().values_list("pk", flat=True))
        ranking = read(self.campaign, self.as_at)  # the stored ranking (frozen once closed)
        for r in ranking:
            if r.registration_id in visible:
                yield [
                    r.block_name,
                    r.rank,
                    r.unit_name,
                    float(r.rate * 100),
                    float(r.score),
                    f"{ranking.basis}; số liệu tính đến {ranking.as_at:%d/%m/%Y}",
                ]


EXPORTERS = {
    "dang-ky": RegistrationExporter,
    "tien-do": ProgressExporter,
    "xep-hang": RankingExporter,
}
