from yorisoi.core.testing.isolation import ALL_ROLES, PERSON_ROLES, StaffPage

PAGES = [
    StaffPage("programs:home", ALL_ROLES, redirects_for=frozenset({"city_officer"})),
    StaffPage("programs:switch", ALL_ROLES, method="post"),
    StaffPage("programs:staff_names", PERSON_ROLES),  # staff names only; members' names: managers
]
