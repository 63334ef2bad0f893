"""Re-importing a plan already imported warns and asks before saving a second campaign
(issue #15, item 14); the review shows the catalogue's names, never form codes, and rule
summaries use Vietnamese unit kinds (item 9)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.campaigns.conftest import seed_text
from thidua.campaigns import services
from thidua.campaigns.forms import _parse_pairs, kind_pairs_text
from thidua.campaigns.models import Campaign


def _review(c, org):
    upload = SimpleUploadedFile("kh.txt", seed_text("000").encode())
    resp = c.post("/phong-trao/nhap/", {"issuer": org["city"].pk, "file": upload})
    assert resp.status_code == 302
    return resp["Location"]


def _save_data(page):
    form = page.context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    forms = [f for f in page.context["deadlines"].forms if f.initial]
    data.update(
        {
            "dl-TOTAL_FORMS": str(len(forms)),
            "dl-INITIAL_FORMS": str(len(forms)),
            "dl-MIN_NUM_FORMS": "0",
            "dl-MAX_NUM_FORMS": "1000",
            "documents": page.context["documents"],
        }
    )
    for i, f in enumerate(forms):
        for name in ("kind", "date", "label"):
            data[f"dl-{i}-{name}"] = f.initial[name] or ""
    return data


def test_a_second_import_of_the_same_plan_warns_and_needs_confirmation(client_for, org):
    c = client_for("standing")
    first = _review(c, org)
    page = c.get(first)
    html = page.content.decode()
    assert "duplicate-plan" not in html
    # the catalogue's name, never the code, beside each award form
    assert "theo danh mục:" in html and "<code>" not in html
    assert c.post(first, _save_data(page)).status_code == 302
    original = Campaign.objects.get()

    second = _review(c, org)
    page = c.get(second)
    html = page.content.decode()
    assert "Kế hoạch này có thể đã được nhập" in html and original.title in html
    data = _save_data(page)
    refused = c.post(second, data)
    assert refused.status_code == 200
    assert "Vẫn lưu thành phong trào mới" in refused.content.decode()
    assert Campaign.objects.count() == 1
    # the values typed stay in the form
    assert refused.context["form"]["title"].value() == data["title"]
    assert c.post(second, {**data, "confirm_duplicate": "1"}).status_code == 302
    assert Campaign.objects.count() == 2


def test_duplicate_number_is_matched_loosely_and_only_for_the_same_issuer(org, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(number="15/KH-UBND")
    assert services.duplicate_plans("15 / KH – UBND", org["city"]) == [
        Campaign.objects.get(pk=campaign.pk)
    ]
    assert services.duplicate_plans("15/KH-UBND", org["ward_a"]) == []
    assert services.duplicate_plans("", org["city"]) == []
    # a draft plan without its number: the same title makes it the same plan
    Campaign.objects.filter(pk=campaign.pk).update(number="/KH-UBND")
    title = Campaign.objects.get(pk=campaign.pk).title
    assert services.duplicate_plans("/KH-UBND", org["city"], title.upper()) == [
        Campaign.objects.get(pk=campaign.pk)
    ]
    assert services.duplicate_plans("/KH-UBND", org["city"], "Kế hoạch khác") == []


def test_rule_kinds_are_typed_and_shown_in_vietnamese():
    assert _parse_pairs("Xã=2, phường=3", "Tối đa") == {"commune": 2, "ward": 3}
    assert _parse_pairs("commune=2", "Tối đa") == {"commune": 2}
    assert kind_pairs_text({"commune": 2, "ward": 3}) == "Xã=2, Phường=3"


def test_catalogue_subjects_are_vietnamese(client_for):
    html = client_for("standing").get(reverse("legal:award_forms")).content.decode()
    assert "Cá nhân" in html and "individual" not in html
