from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse, translate_url
from django.utils import translation

from .auth import client_address


class AccountAdapter(DefaultAccountAdapter):
    """After login the interface switches to the learner's preferred language."""

    def _preferred_language(self, request):
        profile = getattr(getattr(request, "user", None), "profile", None)
        return getattr(profile, "preferred_language", None)

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        language = self._preferred_language(request)
        if not language:
            return url
        if url.startswith("/"):
            # translate_url resolves in the current language, so translate before switching.
            url = translate_url(url, language)
        translation.activate(language)
        return url

    def get_signup_redirect_url(self, request):
        return self.get_login_redirect_url(request)

    def get_client_ip(self, request):
        # The same address as lockouts and rate limits, behind TRUSTED_PROXY_COUNT proxies.
        return client_address(request)

    def get_logout_redirect_url(self, request):
        return reverse("wagtail_serve", args=[""])
