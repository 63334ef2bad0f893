from ninja import Router

router = Router(tags=["Quyết định, khen thưởng"])
