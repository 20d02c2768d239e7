from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may be in whatever the context needs.
    import sys

    from django.http import HttpResponseServerError
    from django.template.loader import get_template

    from yorisoi.core.middleware import database_unavailable, is_database_unavailable

    if is_database_unavailable(sys.exc_info()[1]):  # lost in a middleware (e.g. the session), not a view
        return database_unavailable(request)

    return HttpResponseServerError(get_template("core/500.html").render())


def csrf_failure(request, reason=""):
    """A form sent from an old page or a closed session: say so kindly, in Japanese."""
    return render(request, "core/csrf_failure.html", status=403)
