from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("them/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="edit"),
    path("<int:pk>/quy-tac/", views.rules_edit, name="rules"),
    path("<int:pk>/chuyen/<str:to>/", views.campaign_transition, name="transition"),
    path("<int:pk>/ke-hoach.<str:fmt>", views.plan_document, name="document"),
    path("lich/", views.deadline_calendar, name="calendar"),
    path("nhap/", views.import_upload, name="import"),
    path("nhap/<str:token>/", views.import_review, name="import_review"),
    path("cong-khai/", views.public_list, name="public_list"),
    path("cong-khai/<int:pk>/", views.public_detail, name="public_detail"),
    path("cong-khai/<int:pk>/ke-hoach.<str:fmt>", views.public_document, name="public_document"),
]
