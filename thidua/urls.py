from django.contrib import admin
from django.urls import include, path

from thidua.api import profile
from thidua.api.api import api

admin.site.site_header = "Quản trị hệ thống thi đua, khen thưởng"
admin.site.site_title = "thidua"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("tai-khoan/", profile.profile, name="profile"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", profile.token_revoke, name="token_revoke"),
    path("", include("thidua.core.urls")),
    path("to-chuc/", include("thidua.org.urls")),
    path("phap-ly/", include("thidua.legal.urls")),
    path("phong-trao/", include("thidua.campaigns.urls")),
    path("dang-ky/", include("thidua.registrations.urls")),
    path("ho-so/", include("thidua.dossiers.urls")),
    path("hoi-dong/", include("thidua.council.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("so-khen-thuong/", include("thidua.registry.urls")),
    path("bao-cao/", include("thidua.reports.urls")),
    path("nhap-ke-hoach/", include("thidua.planimport.urls")),
    path("cong-khai/", include("thidua.portal.urls")),
]
