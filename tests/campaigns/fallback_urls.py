"""URLs for the campaign tests when the project urlconf cannot be imported (see conftest)."""

from django.urls import include, path

from thidua.api.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("thidua.core.urls")),
    path("to-chuc/", include("thidua.org.urls")),
    path("phap-ly/", include("thidua.legal.urls")),
    path("phong-trao/", include("thidua.campaigns.urls")),
    path("cong-khai/", include("thidua.portal.urls")),
]
