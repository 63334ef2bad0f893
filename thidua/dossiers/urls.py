from django.urls import path

from . import views, views_disclosure

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("lap/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/hop-xet/", views.meeting, name="meeting"),
    path("<int:pk>/doi-tuong/", views.nominee_add, name="nominee_add"),
    path("<int:pk>/doi-tuong/<int:nid>/", views.nominee_edit, name="nominee_edit"),
    path("<int:pk>/doi-tuong/<int:nid>/bo/", views.nominee_remove, name="nominee_remove"),
    path("<int:pk>/doi-tuong/<int:nid>/sang-kien/", views.initiative_link, name="initiative_link"),
    path("<int:pk>/doi-tuong/<int:nid>/tham-dinh/", views.appraise_line, name="appraise_line"),
    path("<int:pk>/tham-dinh-nhieu-dong/", views.appraise_lines, name="appraise_lines"),
    path("<int:pk>/tai-lieu/", views.upload, name="upload"),
    path("<int:pk>/tai-lieu/<int:doc_id>/", views.document, name="document"),
    path("<int:pk>/soan/<str:doc_type>/", views.generate, name="generate"),
    path("<int:pk>/xuat-zip/", views.export, name="export"),
    path("<int:pk>/nop/", views.submit, name="submit"),
    path("<int:pk>/rut/", views.withdraw, name="withdraw"),
    path("<int:pk>/phien-ban/", views.compare, name="compare"),
    path("<int:pk>/phan-cong/", views.assign, name="assign"),
    path("<int:pk>/kiem-tra/", views.checklist, name="checklist"),
    path("<int:pk>/tra-lai/", views.return_view, name="return"),
    path("<int:pk>/ket-thuc-tham-dinh/", views.finish, name="finish"),
    path("<int:pk>/khong-chap-nhan/", views.reject, name="reject"),
    path("<int:pk>/trao-doi/", views.comment, name="comment"),
    path("tham-dinh/", views.queue, name="queue"),
    path("gia-han/", views.exceptions, name="exceptions"),
    path("cong-khai/", views_disclosure.disclosures, name="disclosures"),
    path("cong-khai/phong-trao/<int:campaign_id>/", views_disclosure.publish, name="publish"),
    path("cong-khai/danh-sach/", views_disclosure.public_index, name="public_index"),
    path("cong-khai/<int:pk>/", views_disclosure.public_list, name="public"),
    path("khieu-nai/", views_disclosure.complaints, name="complaints"),
    path("khieu-nai/<int:pk>/tra-loi/", views_disclosure.answer, name="answer"),
    path("cap-tren/<int:campaign_id>/", views_disclosure.upward, name="upward"),
]
