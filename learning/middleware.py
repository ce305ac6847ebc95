from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, except for the JSON API: /api/ has no language prefix, and a 404
    there must stay a 404 instead of redirecting to /en/api/… (where Wagtail's catch-all
    page route would answer with HTML)."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
