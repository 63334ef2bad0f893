"""Models of the reports app, one module per idea; import from here."""

from ..enums import InitiativeLevel, InitiativeStatus  # noqa: F401 — contract re-export
from .exemplary import ExemplaryModel, ExemplaryPhoto
from .initiatives import Initiative, InitiativeEvaluation
from .inspections import Finding, Inspection, InspectionItem, InspectionPlan, RequiredFix
from .programmes import Goal, Milestone, Programme, Target, TargetValue
from .reports import SavedReport, UnitReport

__all__ = [
    "ExemplaryModel",
    "ExemplaryPhoto",
    "Finding",
    "Goal",
    "Initiative",
    "InitiativeEvaluation",
    "InitiativeLevel",
    "InitiativeStatus",
    "Inspection",
    "InspectionItem",
    "InspectionPlan",
    "Milestone",
    "Programme",
    "RequiredFix",
    "SavedReport",
    "Target",
    "TargetValue",
    "UnitReport",
]
