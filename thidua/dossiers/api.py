"""/api/dossiers/: list, detail, create with nominees, submit, upload — the same access
rules as the pages (another unit's dossier does not exist: 404)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from thidua.campaigns.models import Campaign
from thidua.core.schema import CleanStr, CleanText, Id, SmallCount
from thidua.org.models import Household, Person, Unit

from . import access, files, services
from .enums import DocumentType, SubjectKind
from .models import Dossier

router = Router(tags=["Hồ sơ khen thưởng"])


class NomineeOut(Schema):
    id: int
    order: int
    subject_kind: str
    name: str
    category: str
    achievements: str
    person_id: int | None
    unit_id: int | None
    household_id: int | None
    result: str
    result_reason: str
    certificate_wording: str


class DocumentOut(Schema):
    id: int
    doc_type: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    generated: bool


class DossierOut(Schema):
    id: int
    title: str
    kind: str
    form_code: str
    status: str
    version: int
    campaign_id: int | None
    proposer_id: int
    authority_id: int
    submitted_at: datetime | None
    meeting_date: date | None
    meeting_attendees: int | None
    meeting_total: int | None


class DossierDetail(DossierOut):
    nominees: list[NomineeOut]
    documents: list[DocumentOut]


class NewPerson(Schema):
    full_name: CleanStr
    citizen_id: CleanStr | None = None
    personnel_code: CleanStr | None = None
    gender: CleanStr = "nam"
    birth_date: date | None = None
    ethnicity: CleanStr = "Kinh"
    position: CleanStr = ""
    category: CleanStr = "nguoi_lao_dong"


class NomineeIn(Schema):
    subject_kind: SubjectKind
    person_id: Id | None = None
    unit_id: Id | None = None
    household_id: Id | None = None
    new_person: NewPerson | None = None
    collective_name: CleanStr = ""
    category: CleanStr = ""
    achievements: CleanText = ""
    votes_for: SmallCount | None = None


class DossierIn(Schema):
    proposer_id: Id
    form_code: CleanStr
    campaign_id: Id | None = None
    kind: CleanStr = ""
    title: CleanStr = ""
    meeting_date: date | None = None
    meeting_attendees: SmallCount | None = None
    meeting_total: SmallCount | None = None
    nominees: list[NomineeIn] = []


class Problems(Schema):
    detail: str
    problems: list[str]


def _detail(d) -> dict:
    data = DossierOut.from_orm(d).dict()
    data["nominees"] = [NomineeOut.from_orm(n).dict() for n in d.nominees.all()]
    data["documents"] = [DocumentOut.from_orm(x).dict() for x in d.documents.all()]
    return data


@router.get("/", response=list[DossierOut])
def list_dossiers(request, status: CleanStr = "", campaign_id: Id | None = None):
    qs = Dossier.objects.for_user(request.auth)
    if status:
        qs = qs.filter(status=status)
    if campaign_id:
        qs = qs.filter(campaign_id=campaign_id)
    return list(qs[:500])


@router.get("/{dossier_id}", response=DossierDetail)
def get_dossier(request, dossier_id: Id):
    return _detail(access.get_dossier(request.auth, dossier_id))


def _scoped(model, user, pk):
    if pk is None:
        return None
    return get_object_or_404(model.objects.for_user(user), pk=pk)


@router.post("/", response={201: DossierDetail, 422: Problems})
def create_dossier(request, payload: DossierIn):
    user = request.auth
    proposer = get_object_or_404(access.own_units(user), pk=payload.proposer_id)
    campaign = None
    if payload.campaign_id:
        campaign = get_object_or_404(Campaign.objects.for_user(user), pk=payload.campaign_id)
    try:
        with transaction.atomic():
            d = services.create_dossier(
                user,
                proposer,
                payload.form_code,
                campaign=campaign,
                kind=payload.kind,
                title=payload.title,
            )
            if payload.meeting_date or payload.meeting_attendees is not None:
                services.update_meeting(
                    d,
                    user,
                    meeting_date=payload.meeting_date,
                    attendees=payload.meeting_attendees,
                    total=payload.meeting_total,
                )
            for n in payload.nominees:
                services.add_nominee(
                    d,
                    user,
                    subject_kind=n.subject_kind,
                    person=_scoped(Person, user, n.person_id),
                    unit=_scoped(Unit, user, n.unit_id),
                    household=_scoped(Household, user, n.household_id),
                    new_person=n.new_person.dict() if n.new_person else None,
                    collective_name=n.collective_name,
                    category=n.category,
                    achievements=n.achievements,
                    votes_for=n.votes_for,
                )
    except ValidationError as exc:
        return 422, {"detail": "Không lập được hồ sơ.", "problems": exc.messages}
    d.refresh_from_db()
    return 201, _detail(d)


@router.post("/{dossier_id}/submit", response={200: DossierDetail, 422: Problems})
def submit(request, dossier_id: Id):
    d = access.get_dossier(request.auth, dossier_id)
    access.require_proposer(request.auth, d)
    try:
        services.submit(d, request.auth)
    except ValidationError as exc:
        return 422, {"detail": "Chưa nộp được hồ sơ.", "problems": exc.messages}
    d.refresh_from_db()
    return 200, _detail(d)


@router.post("/{dossier_id}/documents", response={201: DocumentOut, 422: Problems})
def upload(request, dossier_id: Id, doc_type: Form[CleanStr], file: File[UploadedFile]):
    d = access.get_dossier(request.auth, dossier_id)
    if not access.is_proposer_staff(request.auth, d):
        raise PermissionDenied("Chỉ cán bộ của đơn vị đề nghị mới tải tài liệu lên.")
    if doc_type not in DocumentType.values:
        return 422, {"detail": "Loại tài liệu không hợp lệ.", "problems": [doc_type]}
    try:
        doc = files.upload(d, request.auth, doc_type, file)
    except ValidationError as exc:
        return 422, {"detail": "Không tải lên được tệp.", "problems": exc.messages}
    return 201, doc
