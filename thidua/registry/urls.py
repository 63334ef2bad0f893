from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("tra-cuu/", views.search, name="search"),
    path("xac-thuc/", views.verify, name="verify_form"),
    path("xac-thuc/<str:code>/", views.verify, name="verify"),
    path("xac-thuc/<str:code>/quyet-dinh.pdf", views.verify_decision_pdf, name="verify_pdf"),
    path("kiem-tra-chu-ky/", views.signature_check, name="signature_check"),
    path("ca-nhan/<int:pk>/", views.person_history, name="person"),
    path("don-vi/<int:pk>/", views.unit_history, name="unit"),
    path("giay-khen/<int:pk>.pdf", views.certificate, name="certificate"),
    path("in-giay-khen/", views.printing, name="printing"),
    path("in-giay-khen/quyet-dinh/<int:decision_pk>/", views.batch_start, name="batch_start"),
    path("lo-in/<int:pk>/", views.batch_detail, name="batch"),
    path("lo-in/<int:pk>/chay-tiep/", views.batch_resume, name="batch_resume"),
    path("lo-in/<int:pk>/ky-so/", views.batch_seal, name="batch_seal"),
    path("lo-in/<int:pk>/tai-ve.pdf", views.batch_download, name="batch_download"),
    path("mau-in/", views.layouts, name="layouts"),
    path("mau-in/<int:pk>/", views.layout_edit, name="layout"),
    path("mau-in/<int:pk>/anh-quet/", views.layout_scan, name="layout_scan"),
    path("mau-in/<int:pk>/in-thu.pdf", views.layout_test_print, name="layout_test_print"),
    path("xuat/", views.export, name="export"),
    path("nhap/", views.import_view, name="import"),
]
