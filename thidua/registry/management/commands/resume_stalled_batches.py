"""`thidua resume-stalled-batches`: queue again every certificate batch whose worker died.

Run at worker start (`thidua db_worker` does it) and periodically (cron, systemd timer):
a batch "đang tạo" whose lease has expired resumes from the parts already written.
"""

from django.core.management.base import BaseCommand

from thidua.registry.services import resume_stalled_batches


class Command(BaseCommand):
    help = "Xếp hàng tạo tiếp các lô in giấy khen bị gián đoạn (tiến trình tạo đã dừng)."

    def handle(self, *args, **options):
        queued = resume_stalled_batches()
        if queued:
            ids = ", ".join(str(pk) for pk in queued)
            self.stdout.write(f"Đã xếp hàng tạo tiếp {len(queued)} lô in bị gián đoạn: {ids}.")
        else:
            self.stdout.write("Không có lô in nào bị gián đoạn.")
