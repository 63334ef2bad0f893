from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("phong-trao/<int:pk>/", views.campaign_detail, name="campaign"),
    path("dien-hinh/", views.model_list, name="models"),
    path("dien-hinh/<int:pk>/", views.model_detail, name="model"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report"),
]
