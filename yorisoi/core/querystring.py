from urllib.parse import urlencode


def query_without(request, *names: str) -> str:
    """The current query string minus ``names`` (the page or cursor), for pagination links."""
    return urlencode([(k, v) for k, v in request.GET.items() if k not in names])
