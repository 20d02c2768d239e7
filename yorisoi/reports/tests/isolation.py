from yorisoi.core.testing.isolation import MANAGER_ONLY, Built, StaffPage

REPORT_ROLES = frozenset({"manager", "city_officer"})


def report_of(slug_marker: str):
    """The program's report: only its manager and its city officer; another program's is 404."""

    def build(program, author):
        # The page links its own exports, so the link names the program the figures belong to.
        return Built(
            kwargs={"program_slug": program.slug}, identifiers=(slug_marker.format(slug=program.slug),)
        )

    return build


PAGES = [
    StaffPage("reports:report", REPORT_ROLES, build=report_of("/staff/reports/{slug}/export.xlsx")),
    StaffPage("reports:print", REPORT_ROLES, build=report_of("/staff/reports/{slug}/?kind=")),
    StaffPage("reports:export_csv", REPORT_ROLES, build=report_of("延べ相談件数")),
    # an .xlsx file is a zip archive: its first bytes say so
    StaffPage("reports:export_xlsx", REPORT_ROLES, build=report_of("PK\x03\x04")),
    StaffPage("reports:dashboard", MANAGER_ONLY),
]
