from django.urls import path

from . import views, views_commitments, views_schemes

app_name = "registrations"
urlpatterns = [
    path("", views.registration_list, name="list"),
    path("moi/", views.registration_create, name="create"),
    path("<int:pk>/", views.registration_detail, name="detail"),
    path("<int:pk>/chi-tieu/", views.indicator_add, name="indicator_add"),
    path("<int:pk>/cong-viec/", views.commitment_add, name="commitment_add"),
    path("<int:pk>/gui/", views.registration_submit, name="submit"),
    path("<int:pk>/nhan/", views.registration_accept, name="accept"),
    path("nhan-nhieu/", views.registration_accept_many, name="accept_many"),
    path("<int:pk>/tra-lai/", views.registration_return, name="return"),
    path("chi-tieu/<int:pk>/bao-cao/", views.progress_add, name="progress_add"),
    path("hoan-thanh/<str:kind>/<int:pk>/", views.commitment_done, name="commitment_done"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("theo-doi/", views.dashboard, name="dashboard"),
    path("cong-trinh-su-kien/", views_commitments.commitments, name="commitments"),
    path("khoi/<int:block_id>/<int:campaign_id>/", views.block_detail, name="block"),
    path("khoi/<int:block_id>/<int:campaign_id>/gui/", views.block_forward, name="forward"),
    path(
        "khoi/<int:block_id>/<int:campaign_id>/binh-xet/", views.review_create, name="review_create"
    ),
    path("binh-xet/<int:pk>/", views.review_detail, name="review"),
    path("binh-xet/<int:pk>/bien-ban.docx", views.review_minutes, name="review_minutes"),
    path("kiem-tra/moi/", views.check_create, name="check_create"),
    path("khoi/<int:block_id>/tieu-chi/", views_schemes.schemes, name="schemes"),
    path("tieu-chi/<int:scheme_id>/cham-diem/", views_schemes.scores, name="scores"),
    path("xep-loai/", views_schemes.prior_ratings, name="prior_ratings"),
    path("xuat/<str:what>/<int:campaign_id>.xlsx", views.export, name="export"),
]
