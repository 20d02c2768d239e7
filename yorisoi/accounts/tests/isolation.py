from yorisoi.core.testing.isolation import ALL_ROLES, StaffPage

PAGES = [
    StaffPage("accounts:login", ALL_ROLES),
    StaffPage("accounts:logout", ALL_ROLES, method="post"),
]
