"""django-allauth's signals, answered with the welcome email (connected in learning/apps.py).

With email confirmation mandatory (the default) the welcome waits for the confirmation, so it
never goes to an address nobody has shown to be theirs; otherwise it follows the sign-up."""

from allauth.account import app_settings as account_settings

from .services import welcome_queue


def on_user_signed_up(sender, request, user, **kwargs):
    if account_settings.EMAIL_VERIFICATION != account_settings.EmailVerificationMethod.MANDATORY:
        welcome_queue(user=user)


def on_email_confirmed(sender, request, email_address, **kwargs):
    if email_address.primary or email_address.email == email_address.user.email:
        welcome_queue(user=email_address.user)
