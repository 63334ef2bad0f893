from ninja import Router

router = Router(tags=["Hội đồng TĐKT"])
