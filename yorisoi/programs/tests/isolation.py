from yorisoi.core.testing.isolation import ALL_ROLES, StaffPage

PAGES = [
    StaffPage("programs:home", ALL_ROLES),
    StaffPage("programs:switch", ALL_ROLES, method="post"),
]
