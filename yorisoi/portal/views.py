from django.shortcuts import render

from yorisoi.programs.selectors import public_programs


def index(request):
    return render(request, "portal/index.html", {"programs": public_programs()})
