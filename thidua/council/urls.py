from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("", views.session_list, name="sessions"),
    path("moi/", views.session_new, name="session_new"),
    path("thanh-vien/", views.members, name="members"),
    path("thanh-vien/<int:pk>/thoi/", views.member_end, name="member_end"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/thao-tac/<str:action>/", views.session_action, name="session_action"),
    path("<int:pk>/bo-phieu/", views.vote, name="vote"),
    path("<int:pk>/bien-ban.docx", views.minutes, name="minutes"),
]
