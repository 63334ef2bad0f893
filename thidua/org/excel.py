"""Units and persons in and out of Excel, through the row forms of `forms.py`."""

from thidua.core import audit
from thidua.core.excel import Exporter, Importer, RowError

from .forms import PersonRowForm, UnitRowForm
from .models import Membership, Person, Unit

UNIT_COLUMNS = [
    ("Mã", "code"),
    ("Tên", "name"),
    ("Loại", "kind"),
    ("Mã đơn vị cấp trên", "parent_code"),
    ("Tên ngắn", "short_name"),
    ("Hiệu lực từ", "valid_from"),
]
PERSON_COLUMNS = [
    ("Họ và tên", "full_name"),
    ("Giới tính", "gender"),
    ("Ngày sinh", "birth_date"),
    ("Dân tộc", "ethnicity"),
    ("Đối tượng", "category"),
    ("Chức vụ", "position"),
    ("Mã đơn vị", "unit_code"),
    ("Số CCCD", "citizen_id"),
    ("Mã cán bộ", "personnel_code"),
    ("Lao động trực tiếp", "is_direct_worker"),
]


class UnitImporter(Importer):
    columns = UNIT_COLUMNS
    required = {"code", "name", "kind"}
    row_form = UnitRowForm

    def __init__(self, user=None, root: Unit | None = None):
        super().__init__(user)
        self.root = root

    def form_kwargs(self, rows):
        return {"known_codes": {v.get("code", "").strip() for _, v in rows}}

    def check_row(self, data):
        errors = []
        if Unit.objects.filter(code=data["code"]).exists():
            errors.append(f"Mã đơn vị “{data['code']}” đã tồn tại.")
        parent = data.get("parent_code")
        if self.root is not None and parent:
            existing = Unit.objects.filter(code=parent).first()
            if existing and not existing.path.startswith(self.root.path):
                errors.append(f"Đơn vị cấp trên “{parent}” ngoài phạm vi quản lý của bạn.")
        return errors

    def check_all(self, cleaned):
        seen, errors = {}, []
        for number, data in cleaned:
            if data["code"] in seen:
                errors.append(
                    RowError(
                        number, [f"Mã “{data['code']}” trùng với dòng {seen[data['code']]}."], data
                    )
                )
            seen.setdefault(data["code"], number)
        return errors

    def save_row(self, data):
        parent = (
            Unit.objects.filter(code=data["parent_code"]).first()
            if data["parent_code"]
            else self.root
        )
        unit = Unit.objects.create(
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            parent=parent,
            short_name=data.get("short_name", ""),
            valid_from=data.get("valid_from"),
        )
        audit.record(unit, "org.unit.imported", self.user)


class PersonImporter(Importer):
    columns = PERSON_COLUMNS
    required = {"full_name", "gender", "category", "unit_code"}
    row_form = PersonRowForm

    def __init__(self, user=None, units=None):
        super().__init__(user)
        self.units = units if units is not None else Unit.objects.all()

    def form_kwargs(self, rows):
        codes = {v.get("unit_code", "").strip() for _, v in rows}
        self._unit_by_code = {u.code: u for u in self.units.filter(code__in=codes)}
        return {"allowed_unit_codes": set(self._unit_by_code)}

    def check_row(self, data):
        errors = []
        if data.get("citizen_id") and Person.objects.filter(citizen_id=data["citizen_id"]).exists():
            errors.append(
                f"Số CCCD {data['citizen_id']} đã có trong hệ thống (mỗi người chỉ một hồ sơ)."
            )
        if (
            data.get("personnel_code")
            and Person.objects.filter(personnel_code=data["personnel_code"]).exists()
        ):
            errors.append(f"Mã cán bộ {data['personnel_code']} đã có trong hệ thống.")
        return errors

    def check_all(self, cleaned):
        errors, seen = [], {}
        for number, data in cleaned:
            key = data.get("citizen_id")
            if key and key in seen:
                errors.append(RowError(number, [f"Số CCCD trùng với dòng {seen[key]}."], data))
            if key:
                seen.setdefault(key, number)
        return errors

    def save_row(self, data):
        unit = self._unit_by_code[data["unit_code"]]
        person = Person.objects.create(
            full_name=data["full_name"],
            gender=data["gender"],
            birth_date=data.get("birth_date"),
            ethnicity=data.get("ethnicity") or "Kinh",
            category=data["category"],
            position=data.get("position", ""),
            unit=unit,
            citizen_id=data.get("citizen_id") or None,
            personnel_code=data.get("personnel_code") or None,
            is_direct_worker=data.get("is_direct_worker")
            or Person.default_direct_worker(data["category"]),
        )
        Membership.objects.create(person=person, unit=unit, position=person.position)
        audit.record(person, "org.person.imported", self.user, unit=unit)


class UnitExporter(Exporter):
    title = "Đơn vị"
    columns = [
        ("Mã", 14),
        ("Tên", 50),
        ("Loại", 24),
        ("Mã đơn vị cấp trên", 18),
        ("Tên ngắn", 24),
        ("Hiệu lực từ", 12),
        ("Hiệu lực đến", 12),
    ]

    def __init__(self, queryset):
        self.queryset = queryset

    def rows(self):
        for u in self.queryset.select_related("parent").order_by("path"):
            yield [
                u.code,
                u.name,
                u.get_kind_display(),
                u.parent.code if u.parent else "",
                u.short_name,
                u.valid_from,
                u.valid_to,
            ]


class PersonExporter(Exporter):
    title = "Cá nhân"
    columns = [
        ("Họ và tên", 28),
        ("Giới tính", 9),
        ("Ngày sinh", 12),
        ("Dân tộc", 10),
        ("Đối tượng", 18),
        ("Chức vụ", 24),
        ("Mã đơn vị", 14),
        ("Số CCCD", 14),
        ("Mã cán bộ", 12),
        ("Lao động trực tiếp", 10),
    ]

    def __init__(self, queryset):
        self.queryset = queryset

    def rows(self):
        for p in self.queryset.select_related("unit").order_by("sort_key", "pk"):
            yield [
                p.full_name,
                p.get_gender_display(),
                p.birth_date,
                p.ethnicity,
                p.get_category_display(),
                p.position,
                p.unit.code,
                p.citizen_id or "",
                p.personnel_code or "",
                "x" if p.is_direct_worker else "",
            ]
