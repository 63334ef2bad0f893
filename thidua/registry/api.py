from ninja import Router

router = Router(tags=["Sổ khen thưởng"])
