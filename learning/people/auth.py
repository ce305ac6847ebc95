def login_identifier(request, credentials):
    """What django-axes counts failures against: the email (site login) or username (admin)."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    data = getattr(request, "POST", {}) or {}
    for key in ("login", "username", "email"):
        if data.get(key):
            return str(data[key]).strip().lower()
    return None
