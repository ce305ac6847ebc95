"""Content-Security-Policy, with a looser one for the admin, and Permissions-Policy.

Learner pages run only the site's own scripts, and each response's nonce (django-csp adds it to
the header once a template asks for `request.csp_nonce`). Wagtail's admin still writes inline
scripts (date pickers, inline panels), so paths under CSP_ADMIN_PREFIXES get
CONTENT_SECURITY_POLICY_ADMIN instead, with 'unsafe-inline' and no nonce (a nonce would make
browsers ignore 'unsafe-inline'). A response that sets its own policy keeps it: the sandboxed
H5P files (content/h5p/views.py).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for the admin's paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None or not is_admin_path(request.path_info):
            return parts
        directives = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        # No nonce: the admin's policy relies on 'unsafe-inline', which a nonce would cancel.
        return PolicyParts(config=directives, update=parts.update, replace=parts.replace)


def is_admin_path(path):
    return path.startswith(tuple(settings.CSP_ADMIN_PREFIXES))


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY (browser features no page of ours uses are turned off), unless
    the response has its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
