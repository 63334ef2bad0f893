from django.core.exceptions import ValidationError


class DecisionError(ValidationError):
    """A decision, money or payment action is not allowed; Vietnamese message for the user."""

    @property
    def message_text(self) -> str:
        return " ".join(self.messages)
