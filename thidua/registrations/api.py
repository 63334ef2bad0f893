from ninja import Router

router = Router(tags=["Đăng ký thi đua"])
