from ninja import Router

router = Router(tags=["Báo cáo, tổng kết"])
