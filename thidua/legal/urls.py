from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [path("danh-muc-khen-thuong/", views.award_forms, name="award_forms")]
