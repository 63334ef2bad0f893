from django.urls import path

from .views import exemplary, initiatives, inspections, programmes, reports

app_name = "reports"
urlpatterns = [
    path("", reports.index, name="index"),
    path("xem/", reports.report, name="report"),
    path("xem/bao-cao.docx", reports.report_docx, name="report_docx"),
    path("xem/bao-cao.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("luu/", reports.report_save, name="report_save"),
    path("da-luu/<int:pk>/", reports.saved_detail, name="saved"),
    path("da-luu/<int:pk>/bao-cao.docx", reports.saved_docx, name="saved_docx"),
    path("da-luu/<int:pk>/cong-bo/", reports.saved_publish, name="saved_publish"),
    path("phong-trao/<int:campaign_id>/don-vi/", reports.unit_reports, name="unit_reports"),
    path(
        "phong-trao/<int:campaign_id>/bao-cao-cua-don-vi/",
        reports.unit_report_edit,
        name="unit_report_edit",
    ),
    path("bao-cao-don-vi/<int:pk>/", reports.unit_report_detail, name="unit_report"),
    path("bieu-thong-ke/<str:code>.xlsx", reports.statform, name="statform"),
    path("chuong-trinh/", programmes.programme_list, name="programmes"),
    path("chuong-trinh/moi/", programmes.programme_new, name="programme_new"),
    path("chuong-trinh/<int:pk>/", programmes.programme_detail, name="programme"),
    path("chuong-trinh/<int:pk>/moc/", programmes.milestone_new, name="milestone_new"),
    path("chi-tieu/<int:pk>/", programmes.target_value, name="target_value"),
    path("moc/<int:pk>/hoan-thanh/", programmes.milestone_done, name="milestone_done"),
    path("moc/<int:pk>/minh-chung/", programmes.milestone_evidence, name="milestone_evidence"),
    path("dien-hinh/", exemplary.model_list, name="models"),
    path("dien-hinh/moi/", exemplary.model_new, name="model_new"),
    path("dien-hinh/<int:pk>/", exemplary.model_detail, name="model"),
    path("dien-hinh/<int:pk>/giai-doan/", exemplary.model_stage, name="model_stage"),
    path("dien-hinh/<int:pk>/cong-bo/", exemplary.model_publish, name="model_publish"),
    path("dien-hinh/<int:pk>/anh/", exemplary.model_photo_upload, name="model_photo_upload"),
    path("dien-hinh/<int:pk>/khen-thuong/", exemplary.model_awards, name="model_awards"),
    path("anh/<int:pk>/", exemplary.photo, name="photo"),
    path("sang-kien/", initiatives.initiative_list, name="initiatives"),
    path("sang-kien/moi/", initiatives.initiative_new, name="initiative_new"),
    path("sang-kien/<int:pk>/", initiatives.initiative_detail, name="initiative"),
    path(
        "sang-kien/<int:pk>/danh-gia/", initiatives.initiative_evaluate, name="initiative_evaluate"
    ),
    path("kiem-tra/", inspections.plan_list, name="inspections"),
    path("kiem-tra/ke-hoach/moi/", inspections.plan_new, name="plan_new"),
    path("kiem-tra/ke-hoach/<int:pk>/", inspections.plan_detail, name="plan"),
    path(
        "kiem-tra/ke-hoach/<int:pk>/cuoc-kiem-tra/",
        inspections.inspection_new,
        name="inspection_new",
    ),
    path("kiem-tra/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("kiem-tra/<int:pk>/noi-dung/", inspections.inspection_item, name="inspection_item"),
    path("kiem-tra/<int:pk>/thieu-sot/", inspections.inspection_finding, name="inspection_finding"),
    path("khac-phuc/<int:pk>/", inspections.fix_resolve, name="fix_resolve"),
]
