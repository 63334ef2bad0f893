"""The deadline-exception page keeps the chosen campaign (and every value) after an error."""

from django.urls import reverse

from thidua.campaigns.models import Campaign
from thidua.dossiers.models import DeadlineException


def test_exception_form_keeps_the_campaign_after_a_validation_error(client_for, campaign, org):
    other = Campaign.objects.create(
        issuer=org["city"], title="Phong trào khác", kind=campaign.kind, created_by=None
    )
    c = client_for("standing")
    data = {
        "campaign": str(campaign.pk),
        "unit": str(org["ward_a"].pk),
        "until": "31/02/2025",
        "reason": "Đơn vị bị lũ",
    }
    resp = c.post(reverse("dossiers:exceptions"), data)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert f'<option value="{campaign.pk}" selected>' in html
    assert f'<option value="{other.pk}" selected>' not in html
    assert f'<option value="{org["ward_a"].pk}" selected>' in html
    assert 'value="31/02/2025"' in html and "Đơn vị bị lũ" in html
    assert 'href="#id_until"' in html and "Ngày không hợp lệ" in html
    assert not DeadlineException.objects.exists()
    data["until"] = "30/12/2099"
    assert c.post(reverse("dossiers:exceptions"), data).status_code == 302
    assert DeadlineException.objects.get().campaign == campaign


def test_exception_for_a_campaign_of_another_authority_is_refused(client_for, campaign, org):
    foreign = Campaign.objects.create(
        issuer=org["province"], title="Phong trào của tỉnh", kind=campaign.kind
    )
    resp = client_for("standing").post(
        reverse("dossiers:exceptions"),
        {"campaign": foreign.pk, "unit": org["ward_a"].pk, "until": "30/12/2099", "reason": "x"},
    )
    assert resp.status_code == 200 and 'href="#id_campaign"' in resp.content.decode()
    assert not DeadlineException.objects.exists()
