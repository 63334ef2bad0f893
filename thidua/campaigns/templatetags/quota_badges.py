"""`{% quota_badges results %}`: the use of one quota rule on the campaign pages, one badge
per group ("Phường X đã đề nghị 2/2 cá nhân.").

A per-proposer rule has one badge per proposing unit: on deadline day, hundreds under one
rule on the page every officer opens. Written here with f-strings (every message escaped)
instead of a template loop; the HTML is the loop's (tests/campaigns/test_detail_queries.py
pins it)."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def quota_badges(results) -> str:
    return mark_safe(
        "".join(
            f'<br><span class="badge {"ok" if r.ok else "bad"}">{escape(r.message)}</span>'
            for r in results
        )
    )
