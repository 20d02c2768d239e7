"""初回相談: registering a case, from an inquiry or not, after possible matches were shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yorisoi.audit.shortcuts import render_logged
from yorisoi.cases import case_page, selectors, services
from yorisoi.cases.consent_forms import ConsentForm
from yorisoi.cases.forms import CaseRegistrationForm, ClientForm, RelatedPersonForm
from yorisoi.cases.models import CallerType
from yorisoi.programs.permissions import require_consultation_contents


def _registration_initial(inquiry):
    if inquiry is None:
        return {}, {}, {}
    client = {
        "residence_city": inquiry.residence_city,
        "gender": inquiry.person_gender,
        "approximate_age": inquiry.person_age,
    }
    case = {"main_concerns": inquiry.concern}
    held_on = case_page.registration_date_for(inquiry)  # the initial consultation's day, not today
    if held_on is not None:
        case["registered_on"] = held_on
    family = services.caller_fields(inquiry) if inquiry.caller_type == CallerType.FAMILY else {}
    if inquiry.caller_type == CallerType.SELF:
        # The caller is the person: their channel and cautions are the person's own.
        client.update(
            {
                "phone": inquiry.contact_phone,
                "email": inquiry.contact_email,
                "contact_preferences": inquiry.contact_preferences,
            }
        )
    return client, case, family


def _matches(actor, inquiry, forms):
    """Known people who look like the ones being registered (shown before anything new is created)."""
    names, kanas, phones, emails = [], [], [], []
    if inquiry is not None:
        names.append(inquiry.caller_name)
        kanas.append(inquiry.caller_name)
        phones.append(inquiry.contact_phone)
        emails.append(inquiry.contact_email)
    for key in ("client", "family"):
        form = forms[key]
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if key == "client":
            names.append(f"{data.get('family_name', '')}{data.get('given_name', '')}")
            kanas.append(f"{data.get('family_name_kana', '')}{data.get('given_name_kana', '')}")
        else:
            names.append(data.get("name", ""))
            kanas.append(data.get("name_kana", ""))
        phones.append(data.get("phone", ""))
        emails.append(data.get("email", ""))
    return selectors.registration_matches(
        actor=actor, names=names, kanas=kanas, phones=phones, emails=emails, exclude_inquiry=inquiry
    )


@login_required
def case_register(request, inquiry_id=None):
    require_consultation_contents(request.actor)
    actor, program = request.actor, request.actor.program
    inquiry = selectors.inquiry_get(actor=actor, inquiry_id=inquiry_id) if inquiry_id else None
    client_initial, case_initial, family_initial = _registration_initial(inquiry)
    data = request.POST or None
    forms = {
        "case": CaseRegistrationForm(data, prefix="case", program=program, initial=case_initial),
        "client": ClientForm(data, prefix="client", initial=client_initial),
        "family": RelatedPersonForm(data, prefix="family", initial=family_initial),
        "consent": ConsentForm(data, prefix="consent"),
    }
    context = {"nav": "cases", "forms": forms, "inquiry": inquiry, "duplicates": [], "matches": []}
    if request.method != "POST":
        if inquiry is not None:
            context["matches"] = _matches(actor, inquiry, forms)
            return render_logged(
                request,
                "cases/case_register.html",
                context,
                action="inquiry.view",
                target=inquiry,
                subjects=context["matches"],
            )
        return render(request, "cases/case_register.html", context)

    client_unknown = forms["case"].is_valid() and forms["case"].cleaned_data["client_unknown"]
    family_given = bool(request.POST.get("family-relation"))
    needed = (
        ["case", "consent"] + ([] if client_unknown else ["client"]) + (["family"] if family_given else [])
    )
    if not all(forms[name].is_valid() for name in needed):
        return _register_again(request, context, inquiry)

    existing = None
    choice = request.POST.get("duplicate_choice", "")
    if not client_unknown and choice != "new":
        c = forms["client"].cleaned_data
        duplicates = selectors.possible_duplicates(
            actor=actor,
            family_kana=c["family_name_kana"],
            given_kana=c["given_name_kana"],
            birth_date=c["birth_date"],
            phone=c["phone"],
        )
        existing = next((d for d in duplicates if str(d.public_id) == choice), None)
        if duplicates and existing is None:
            context["duplicates"] = duplicates
            return _register_again(request, context, inquiry)

    case_fields = {k: v for k, v in forms["case"].cleaned_data.items() if k != "client_unknown"}
    case = services.initial_consultation_register(
        program=program,
        actor=actor,
        case_fields=case_fields,
        client_fields=None if client_unknown else forms["client"].cleaned_data,
        existing_client=existing,
        consulting_person=forms["family"].cleaned_data if family_given else None,
        consent=forms["consent"].cleaned_data,
        inquiry=inquiry,
    )
    messages.success(request, _("%(label)s として登録しました。") % {"label": case.label})
    return redirect(case.get_absolute_url())


def _register_again(request, context, inquiry):
    """The registration page again (an error, or possible matches to look at): logged like the first."""
    context["matches"] = _matches(request.actor, inquiry, context["forms"])
    return render_logged(
        request,
        "cases/case_register.html",
        context,
        action="inquiry.view" if inquiry else "client.search",
        target=inquiry,
        subjects=[*context["matches"], *context["duplicates"]],
    )
