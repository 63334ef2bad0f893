from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("don-vi/", views.unit_list, name="units"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("don-vi/<int:pk>/sap-nhap/", views.merge, name="merge"),
    path("don-vi/xuat-excel/", views.export_units, name="export_units"),
    path("ca-nhan/", views.person_list, name="persons"),
    path("ca-nhan/them/", views.person_edit, name="person_add"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/xuat-excel/", views.export_persons, name="export_persons"),
    path("khoi-thi-dua/", views.block_list, name="blocks"),
    path("khoi-thi-dua/<int:pk>/", views.block_detail, name="block"),
    path("nhap-excel/<str:kind>/", views.import_upload, name="import"),
    path("nhap-excel/lo/<int:pk>/", views.import_preview, name="import_preview"),
    path("nhap-excel/lo/<int:pk>/xac-nhan/", views.import_commit, name="import_commit"),
    path("phan-quyen/", views.roles, name="roles"),
    path("phan-quyen/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
]
