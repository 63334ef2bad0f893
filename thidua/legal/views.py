from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core.permissions import require_role, scope_for
from thidua.core.roles import Role

from .models import AwardForm, BaseSalary, LegalSetting, VotingThreshold


@login_required
def award_forms(request):
    require_role(request.user, Role.STANDING_BODY, Role.ADMIN)
    return render(
        request,
        "legal/award_forms.html",
        {
            "forms": AwardForm.objects.all(),
            "salaries": BaseSalary.objects.all(),
            "thresholds": VotingThreshold.objects.all(),
            "settings_rows": LegalSetting.objects.all(),
            "today": date.today(),
            # The legal tables are national: only the system administrator edits them.
            "may_edit": scope_for(request.user).is_global,
            "breadcrumbs": [("Danh mục khen thưởng", None)],
        },
    )
