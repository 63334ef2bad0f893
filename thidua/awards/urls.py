from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/du-thao/", views.decision_new, name="decision_new"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/ky/", views.decision_sign, name="decision_sign"),
    path(
        "quyet-dinh/<int:pk>/dinh-chinh/<str:kind>/",
        views.decision_correct,
        name="decision_correct",
    ),
    path("quyet-dinh/<int:pk>/dong/<int:line>/xoa/", views.line_remove, name="line_remove"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", views.decision_docx_view, name="decision_docx"),
    path("quyet-dinh/<int:pk>/quyet-dinh.pdf", views.decision_pdf_view, name="decision_pdf"),
    path("chi-thuong/", views.payment_list, name="payments"),
    path("chi-thuong/cap-nhat/", views.payment_update, name="payment_update"),
    path("chi-thuong/danh-sach.xlsx", views.payment_xlsx, name="payments_xlsx"),
]
