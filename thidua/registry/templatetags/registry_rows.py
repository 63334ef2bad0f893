"""`{% award_rows rows empty %}`: the lines of a registry table (search, person and unit
histories) from `registry.services.AwardRow`.

A results page prints up to 300 lines of six cells; written here with f-strings and
`html.escape` (every value from the database is escaped), they cost about a tenth of an
included template per line."""

from __future__ import annotations

import functools
from html import escape

from django import template
from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

register = template.Library()

CAMPAIGN_CHARS = 80  # as `truncatechars:80`
EMPTY = "Chưa có khen thưởng nào."


@functools.cache
def _verify_url_parts(script_prefix: str, urlconf: str) -> tuple[str, str]:
    """The verification page's URL around its code, reversed once per prefix and urlconf."""
    url = reverse("registry:verify", kwargs={"code": "CODE"})
    head, _, tail = url.rpartition("CODE")
    return head, tail


def verify_url(code: str) -> str:
    head, tail = _verify_url_parts(get_script_prefix(), settings.ROOT_URLCONF)
    return f"{head}{escape(code)}{tail}"


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _title(value: str | None) -> str:
    if not value:
        return "—"
    return Truncator(value).chars(CAMPAIGN_CHARS) if len(value) > CAMPAIGN_CHARS else value


def _row(a) -> str:
    who = f"<strong>{escape(a.awardee_name)}</strong>"
    if a.awardee_unit_name and a.awardee_unit_name != a.awardee_name:
        who += f'<br><small class="muted">{escape(a.awardee_unit_name)}</small>'
    decision = ""
    if a.decision_id:
        decision = f"Số {escape(a.decision_number_display)}"
        if a.decision_date:
            decision += (
                f'<br><small class="muted">{_day(a.decision_date)} · '
                f"{escape(a.issuer_name or '')}</small>"
            )
    if a.shown_revoked:
        status = '<span class="badge bad">đã thu hồi</span>'
    elif a.verifiable:
        code = escape(a.verification_code)
        status = f'<a href="{verify_url(a.verification_code)}"><code>{code}</code></a>'
    else:
        status = '<span class="badge warn">chưa ban hành</span>'
    return (
        f"<tr>\n<td>{_day(a.award_date)}</td>\n<td>{who}</td>\n<td>{escape(a.form_name)}</td>\n"
        f"<td>{decision}</td>\n<td>{escape(_title(a.campaign_title))}</td>\n<td>{status}</td>\n</tr>"
    )


@register.simple_tag
def award_rows(rows, empty: str = "") -> SafeString:
    """Every row of `rows`, or one full-width row saying `empty` when there is none."""
    if not rows:
        return mark_safe(f'<tr><td colspan="6">{escape(empty or EMPTY)}</td></tr>')  # noqa: S308
    return mark_safe("".join(_row(a) for a in rows))  # noqa: S308  (every value escaped)
