from ninja import Router

router = Router(tags=["Phong trào thi đua"])
