from django.core.exceptions import ValidationError


class SigningRefused(ValidationError):
    """A signature cannot be made (certificate, key, token, PIN); Vietnamese message."""

    @property
    def message_text(self) -> str:
        return " ".join(self.messages)
