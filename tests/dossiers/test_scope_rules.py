"""The dossier scope rules, all through `Dossier.objects.for_user` (the one entry)."""

from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.models import Dossier


def make(org, proposer, status, authority="city"):
    return Dossier.objects.create(
        form_code="giay_khen_chu_tich_huyen",
        kind="dot_xuat",
        proposer=org[proposer],
        authority=org[authority],
        title=f"{proposer} {status}",
        status=status,
    )


def test_drafts_belong_to_the_proposing_unit(org, users):
    ward_draft = make(org, "ward_a", DossierStatus.DRAFT)
    ward_submitted = make(org, "ward_a", DossierStatus.SUBMITTED)
    city_draft = make(org, "city", DossierStatus.DRAFT, authority="province")
    seen_by_standing = set(Dossier.objects.for_user(users["standing"]))
    assert ward_submitted in seen_by_standing and city_draft in seen_by_standing
    assert ward_draft not in seen_by_standing
    seen_by_ward = set(Dossier.objects.for_user(users["officer_a"]))
    assert {ward_draft, ward_submitted} <= seen_by_ward
    assert city_draft not in seen_by_ward
    assert ward_draft not in set(Dossier.objects.for_user(users["officer_b"]))


def test_the_appraisal_queue_rule_is_the_authority_of_the_standing_body(org, users):
    to_city = make(org, "ward_a", DossierStatus.SUBMITTED)
    to_province = make(org, "city", DossierStatus.SUBMITTED, authority="province")
    queue = set(Dossier.objects.for_user(users["standing"], "appraise"))
    assert to_city in queue and to_province not in queue
    assert not Dossier.objects.for_user(users["officer_a"], "appraise").exists()
