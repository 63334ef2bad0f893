"""The life cycle of a certificate batch: which moves exist and who makes them.

A batch is created "Đang chờ"; the worker that takes its lease moves it to "Đang tạo"
(also when it takes over the expired lease of a dead worker, or resumes a failed batch),
and the holder of the lease finishes it or records the failure. Every status change goes
through ``CERTIFICATE_BATCH.apply`` (see `thidua.core.states`), inside the transaction
that holds the lease, so a worker that lost its lease never writes the status.
"""

from thidua.core.states import Move, StateTable

from .models import BatchStatus

WORKER = "tiến trình tạo giấy khen đang giữ quyền tạo lô (do cán bộ in bấm tạo, tiếp tục)"

CERTIFICATE_BATCH = StateTable(
    audit_prefix="registry.batch",
    labels=BatchStatus,
    noun="lô in giấy khen",
    moves=[
        Move(
            "run",
            {BatchStatus.PENDING, BatchStatus.RUNNING, BatchStatus.FAILED},
            BatchStatus.RUNNING,
            "Tạo",
            who=WORKER,
        ),
        Move("done", {BatchStatus.RUNNING}, BatchStatus.DONE, "Hoàn thành", who=WORKER),
        Move("failed", {BatchStatus.RUNNING}, BatchStatus.FAILED, "Ghi lỗi", who=WORKER),
    ],
)
