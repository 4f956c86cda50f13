"""Password rules with Dutch messages where Django's own translation falls short."""

from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimaleLengte(MinimumLengthValidator):
    """Django's minimum length; its Dutch catalogue lacks the error message in Django 5.2 (it came out in
    English on a Dutch page), so the message is given here."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort: het moet minstens {self.min_length} tekens hebben."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens lang zijn."
