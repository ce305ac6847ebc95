from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from .selectors import search_lessons


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_lessons(query=query) if query else []
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(request, "content/search.html", {"query": query, "results": page})
